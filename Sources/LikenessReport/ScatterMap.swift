import Foundation

/// An interactive 2-D scatter plot as a `<canvas>` with a little inline JavaScript: points
/// coloured by group with a legend (click a group to highlight it), hover or click for the
/// thumbnail and path, wheel to zoom, drag to pan. It draws 10,000 points smoothly and needs no
/// network. `lkMapHighlight(group)` highlights a group from elsewhere on the page.
public struct ScatterMap: Sendable {
    public struct Point: Sendable {
        public var x: Float
        public var y: Float
        /// Index into ``groups``, or nil (drawn grey).
        public var group: Int?
        public var path: String

        public init(x: Float, y: Float, group: Int?, path: String) {
            self.x = x
            self.y = y
            self.group = group
            self.path = path
        }
    }

    public var points: [Point]
    public var groups: [String]
    /// Data URIs by path; a point without one shows the file itself (works when the page is
    /// opened on the machine that holds the files).
    public var thumbnails: [String: String]

    public init(points: [Point], groups: [String], thumbnails: [String: String] = [:]) {
        self.points = points
        self.groups = groups
        self.thumbnails = thumbnails
    }

    /// The colour of group `index` out of `count`: a fixed categorical palette, then evenly spaced hues.
    public static func colour(_ index: Int, of count: Int) -> String {
        let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#0b6e4f", "#bcbd22", "#17becf",
                       "#393b79", "#e7ba52", "#637939", "#ad494a", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#a50f15"]
        if count <= palette.count { return palette[index % palette.count] }
        return "hsl(\(Int(Double(index) * 360 / Double(count))), 65%, 45%)"
    }

    /// Where the page gets the map's script and styles from.
    public enum Assets: Sendable {
        /// Inline `<style>` and `<script>`: a self-contained file.
        case inline
        /// `<script src>` from this URL; the styles come from the page's own stylesheet (a server
        /// whose content security policy forbids inline code serves ``ScatterMap/script`` and
        /// ``ScatterMap/stylesheet`` itself).
        case external(scriptURL: String)
    }

    /// The HTML fragment: legend, canvas, tooltip and script.
    public func html(assets: Assets = .inline) -> String {
        let data = MapData(x: points.map { ($0.x * 1e4).rounded() / 1e4 }, y: points.map { ($0.y * 1e4).rounded() / 1e4 },
                           g: points.map { $0.group ?? -1 }, p: points.map(\.path),
                           t: points.map { thumbnails[$0.path] ?? "" }, colours: groups.indices.map { Self.colour($0, of: groups.count) },
                           names: groups)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // "</" cannot appear inside a script element.
        let json = String(decoding: (try? encoder.encode(data)) ?? Data("{}".utf8), as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
        var legend = ""
        if !groups.isEmpty {
            var counts = [Int](repeating: 0, count: groups.count)
            for point in points { if let g = point.group, g < counts.count { counts[g] += 1 } }
            legend = "<div class=\"lk-legend\">" + groups.enumerated().map { index, name in
                "<span data-g=\"\(index)\"><i data-colour=\"\(Self.colour(index, of: groups.count))\"></i>\(HTML.escape(name)) (\(counts[index]))</span>"
            }.joined() + "</div>"
        }
        let (style, script): (String, String)
        switch assets {
        case .inline: (style, script) = ("<style>\(Self.stylesheet)</style>", "<script>\(Self.script)</script>")
        case let .external(url): (style, script) = ("", "<script src=\"\(HTML.escape(url))\" defer></script>")
        }
        return """
            \(style)\(legend)<div class="lk-map"><canvas id="lk-canvas"></canvas><div class="lk-tip" id="lk-tip"></div></div>
            <p class="lk-help">\(points.count) points. Hover or click a point for its image; wheel to zoom, drag to pan, double-click to reset; click a legend entry to highlight its group.</p>
            <script id="lk-data" type="application/json">\(json)</script>
            \(script)
            """
    }

    /// The map's styles.
    public static let stylesheet = """
        .lk-map{position:relative;border:1px solid #ddd;border-radius:6px;background:#fff}
        .lk-map canvas{display:block;width:100%;height:620px;cursor:crosshair}
        .lk-tip{position:absolute;pointer-events:none;background:#fff;border:1px solid #bbb;border-radius:6px;padding:6px;
        font-size:12px;max-width:260px;word-break:break-all;box-shadow:0 2px 8px rgba(0,0,0,.15);display:none}
        .lk-tip img{max-width:240px;max-height:200px;display:block;margin-bottom:4px}
        .lk-legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:8px 0;font-size:13px}
        .lk-legend span{cursor:pointer;user-select:none}.lk-legend span.off{opacity:.35}
        .lk-legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px}
        .lk-help{color:#777;font-size:12px}
        """

    private struct MapData: Encodable {
        var x: [Float], y: [Float], g: [Int], p: [String], t: [String], colours: [String], names: [String]
    }

    /// The map's script: reads the `lk-data` JSON, draws and handles the mouse; also colours every
    /// element with a `data-colour` attribute (no inline styles, for a strict content security policy).
    public static let script = """
        (function(){
        const d=JSON.parse(document.getElementById('lk-data').textContent);
        const cv=document.getElementById('lk-canvas'),tip=document.getElementById('lk-tip'),ctx=cv.getContext('2d');
        const n=d.x.length;let minX=Infinity,maxX=-Infinity,minY=Infinity,maxY=-Infinity;
        for(let i=0;i<n;i++){minX=Math.min(minX,d.x[i]);maxX=Math.max(maxX,d.x[i]);minY=Math.min(minY,d.y[i]);maxY=Math.max(maxY,d.y[i]);}
        if(!(maxX>minX)){minX-=1;maxX+=1}if(!(maxY>minY)){minY-=1;maxY+=1}
        let view={s:1,ox:0,oy:0},hi=-2,pinned=-1,w=0,h=0;
        const r=n>5000?2:n>1000?3:4;
        function sx(i){const m=24;return (m+(d.x[i]-minX)/(maxX-minX)*(w-2*m))*view.s+view.ox}
        function sy(i){const m=24;return (h-m-(d.y[i]-minY)/(maxY-minY)*(h-2*m))*view.s+view.oy}
        function col(i){const g=d.g[i];return g>=0&&g<d.colours.length?d.colours[g]:'#999'}
        function draw(){const dpr=window.devicePixelRatio||1;w=cv.clientWidth;h=cv.clientHeight;
          if(cv.width!==Math.round(w*dpr)){cv.width=Math.round(w*dpr);cv.height=Math.round(h*dpr)}
          ctx.setTransform(dpr,0,0,dpr,0,0);ctx.clearRect(0,0,w,h);
          for(let pass=0;pass<2;pass++){for(let i=0;i<n;i++){const on=hi<-1||d.g[i]===hi;if((pass===1)!==(on&&hi>=-1))continue;
            ctx.globalAlpha=hi<-1||on?0.8:0.12;ctx.fillStyle=col(i);ctx.beginPath();ctx.arc(sx(i),sy(i),r,0,6.2832);ctx.fill()}}
          ctx.globalAlpha=1;if(pinned>=0){ctx.strokeStyle='#000';ctx.lineWidth=2;ctx.beginPath();ctx.arc(sx(pinned),sy(pinned),r+3,0,6.2832);ctx.stroke()}}
        function nearest(mx,my){let best=-1,bd=100;for(let i=0;i<n;i++){const dx=sx(i)-mx,dy=sy(i)-my,q=dx*dx+dy*dy;if(q<bd){bd=q;best=i}}return best}
        function show(i,mx,my){if(i<0){tip.style.display='none';return}
          const src=d.t[i]||('file://'+encodeURI(d.p[i]));const name=d.g[i]>=0&&d.names[d.g[i]]?d.names[d.g[i]]+'<br>':'';
          tip.innerHTML='<img src="'+src+'" alt="">'+name+d.p[i].replace(/&/g,'&amp;').replace(/</g,'&lt;');
          tip.style.display='block';tip.style.left=Math.min(mx+14,w-270)+'px';tip.style.top=Math.min(my+14,h-60)+'px'}
        let drag=null;
        cv.addEventListener('mousemove',e=>{const b=cv.getBoundingClientRect(),mx=e.clientX-b.left,my=e.clientY-b.top;
          if(drag){view.ox=drag.ox+mx-drag.x;view.oy=drag.oy+my-drag.y;drag.moved=true;draw();return}
          if(pinned<0)show(nearest(mx,my),mx,my)});
        cv.addEventListener('mouseleave',()=>{if(pinned<0)tip.style.display='none'});
        cv.addEventListener('mousedown',e=>{const b=cv.getBoundingClientRect();drag={x:e.clientX-b.left,y:e.clientY-b.top,ox:view.ox,oy:view.oy,moved:false}});
        cv.addEventListener('mouseup',e=>{const b=cv.getBoundingClientRect(),mx=e.clientX-b.left,my=e.clientY-b.top;
          if(drag&&!drag.moved){const i=nearest(mx,my);pinned=(i===pinned)?-1:i;show(i,mx,my);draw()}drag=null});
        cv.addEventListener('wheel',e=>{e.preventDefault();const b=cv.getBoundingClientRect(),mx=e.clientX-b.left,my=e.clientY-b.top;
          const f=e.deltaY<0?1.25:0.8;view.ox=mx-(mx-view.ox)*f;view.oy=my-(my-view.oy)*f;view.s*=f;draw()},{passive:false});
        cv.addEventListener('dblclick',()=>{view={s:1,ox:0,oy:0};pinned=-1;tip.style.display='none';draw()});
        window.lkMapHighlight=function(g){hi=(hi===g)?-2:g;document.querySelectorAll('.lk-legend span').forEach(s=>s.classList.toggle('off',hi>-2&&+s.dataset.g!==hi));draw()};
        document.querySelectorAll('.lk-legend span').forEach(s=>s.addEventListener('click',()=>window.lkMapHighlight(+s.dataset.g)));
        document.querySelectorAll('[data-highlight]').forEach(a=>a.addEventListener('click',()=>{hi=-2;window.lkMapHighlight(+a.dataset.highlight)}));
        document.querySelectorAll('[data-colour]').forEach(e=>{e.style.background=e.dataset.colour});
        window.addEventListener('resize',draw);draw();
        })();
        """
}
