/// Small helpers for writing self-contained HTML by hand.
public enum HTML {
    /// Escapes text for element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A complete page with the shared stylesheet; works offline (no external resources).
    public static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(stylesheet)</style>
        </head><body>
        <h1>\(escape(title))</h1>
        \(body)
        <footer>Made by Likeness. Self-contained: no network access needed.</footer>
        </body></html>
        """
    }

    /// A background colour from red (0) through amber to green (1) for a score in [0, 1].
    public static func scoreColour(_ score: Double) -> String {
        let s = max(0, min(1, score))
        let hue = Int((s * 120).rounded())
        return "hsl(\(hue), 70%, \(Int(88 - 10 * s))%)"
    }

    static let stylesheet = """
        body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
        p.lead{color:#555;margin:0 0 16px}
        table{border-collapse:collapse;margin:8px 0 16px}
        th,td{border:1px solid #ddd;padding:4px 8px;text-align:right;white-space:nowrap}
        th{background:#f4f4f4;font-weight:600}td.name,th.name{text-align:left}
        div.scroll{overflow-x:auto}
        footer{margin-top:32px;color:#888;font-size:12px}
        svg text{font:12px system-ui,sans-serif;fill:#333}
        """
}
