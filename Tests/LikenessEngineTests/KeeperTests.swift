import Foundation
import LikenessAnalysis
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// The keeper: an edited copy loses to the original it was made from; every choice has a reason;
/// the chain and the format preference parse, and each rule decides what it should.
@Suite struct KeeperTests {
    let folder = TemporaryDirectory("keeper")

    /// The original as a camera would leave it (JPEG q95) and copies a user might have made of it.
    func makeCopies() throws -> [String: KeeperCandidate] {
        let editor = try ImageEditor(), decoder = try ImageDecoder(), measurer = try QualityMeasurer()
        let original = Fixtures.texture(width: 480, height: 360, seed: 31)
        let originalBytes = try editor.encoded(original, suffix: ".jpg[Q=95]")
        let decoded = try decoder.decode(originalBytes, to: .fit(width: 480, height: 360)).pixels
        let files: [String: [UInt8]] = [
            "original.jpg": originalBytes,
            "contrast.jpg": try editor.encoded(try editor.apply(.contrast(factor: 1.5), to: decoded), suffix: ".jpg[Q=95]"),
            "banner.jpg": try editor.encoded(try editor.apply(.overlay, to: decoded), suffix: ".jpg[Q=95]"),
            "brighter.jpg": try editor.encoded(try editor.apply(.exposure(ev: 1), to: decoded), suffix: ".jpg[Q=95]"),
            "blurred.jpg": try editor.encoded(try editor.apply(.blur(sigma: 2), to: decoded), suffix: ".jpg[Q=95]"),
            "heavier.jpg": try editor.encoded(decoded, suffix: ".jpg[Q=40]"),
            "reencoded.png": try editor.encoded(decoded, suffix: ".png"),
            "palette.png": try editor.encoded(decoded, suffix: ".png[palette,bitdepth=8]"),
            "resized.jpg": try editor.encoded(try editor.apply(.resize(fraction: 0.5), to: decoded), suffix: ".jpg[Q=95]"),
            "turned.jpg": try editor.encoded(try editor.apply(.rotate(degrees: 3), to: decoded), suffix: ".jpg[Q=95]"),
            // Padded to a taller canvas: more pixels than the original, and no more picture.
            "padded.jpg": try editor.encoded(Fixtures.letterboxed(decoded, bar: 40), suffix: ".jpg[Q=95]"),
        ]
        var candidates: [String: KeeperCandidate] = [:]
        for (name, bytes) in files {
            let path = folder.file(name, bytes: bytes)
            let scores = try measurer.scores(of: bytes, path: path)
            // Every version has the same time and the original is never the largest file, so neither
            // age nor size can hand it the win: quality (or pixels) must.
            candidates[name] = KeeperCandidate(path: path, width: scores.width, height: scores.height, format: scores.format,
                                               fileSize: name == "original.jpg" ? 1 : Int64(bytes.count), modified: 1000, quality: scores)
        }
        return candidates
    }

    @Test("the original beats each edited copy one to one by pixels or quality alone, and the whole group, by the default chain")
    func originalWins() throws {
        var copies = try makeCopies()
        let original = copies["original.jpg"]!
        // On this synthetic texture a ×1.5 stretch (saved at the same quality) scores within the
        // quality margin of the original, never above it; the chain then needs the copy's later
        // time, as a copy made from an original has. Measured on photos by `bench dupes`.
        let removed = copies.removeValue(forKey: "contrast.jpg")
        let stretched = try #require(removed)
        let pool = KeeperPolicy.standard.narrowed([0, 1], by: .quality, [original, stretched]).pool
        #expect(pool.contains(0), "quality never ranks the stretched copy above the original")
        var newer = stretched
        newer.modified += 1
        #expect(KeeperPolicy.standard.choose([newer, original]).index == 1)
        for (name, copy) in copies.sorted(by: { $0.key < $1.key }) where name != "original.jpg" {
            for order in [[original, copy], [copy, original]] {
                let choice = KeeperPolicy.standard.choose(order)
                #expect(order[choice.index].path == original.path, "\(name): kept \(order[choice.index].path) because \(choice.reason)")
                #expect(!choice.reason.isEmpty)
            }
        }
        let group = (copies.values + [newer]).sorted { $0.path > $1.path }
        let choice = KeeperPolicy.standard.choose(group)
        #expect(group[choice.index].path == original.path, "\(choice.reason)")
    }

    @Test("the old rule keeps the contrast-boosted copy (the bug this replaces); pixels decide a resize with a reason naming both sizes")
    func legacyAndPixels() throws {
        let copies = try makeCopies()
        let pair = [copies["original.jpg"]!, copies["contrast.jpg"]!]
        #expect(KeeperPolicy.legacy.choose(pair).index == 1, "the stretch raises the Laplacian variance")
        let resized = KeeperPolicy.standard.choose([copies["resized.jpg"]!, copies["original.jpg"]!])
        #expect(resized.index == 1 && resized.rule == .pixels && resized.reason.contains("480×360") && resized.reason.contains("240×180"))
    }

    @Test("a padded copy has more pixels and a turned one as many, but both lose to the original by their filled border")
    func padding() throws {
        let copies = try makeCopies()
        let original = copies["original.jpg"]!, padded = copies["padded.jpg"]!, turned = copies["turned.jpg"]!
        #expect(padded.pixels > original.pixels && turned.pixels == original.pixels)
        #expect(KeeperPolicy(rules: [.pixels]).choose([original, padded]).index == 1, "pixels alone keep the padded copy")
        for copy in [padded, turned] {
            let choice = KeeperPolicy.standard.choose([copy, original])
            #expect(choice.index == 1 && choice.rule == .padding && choice.reason.contains("least filled border"), "\(choice.reason)")
        }
        // Copies within the margin are equally unpadded: the next rule decides.
        var nearly = turned
        nearly.quality?.borderFill = original.quality!.borderFill + KeeperPolicy.paddingMargin / 2
        nearly.width += 1
        let next = KeeperPolicy.standard.choose([original, nearly])
        #expect(next.index == 1 && next.rule == .pixels)
    }

    func candidate(_ name: String, size: Int64 = 100, modified: Int64 = 0, format: ImageFormat = .jpeg) -> KeeperCandidate {
        KeeperCandidate(path: "/p/\(name)", width: 100, height: 100, format: format, fileSize: size, modified: modified)
    }

    @Test("age, then size, then the path decide copies equal on the earlier rules; each says so")
    func laterRules() {
        let bySize = KeeperPolicy.standard.choose([candidate("a", size: 10), candidate("b", size: 20)])
        #expect(bySize.index == 1 && bySize.rule == .size && bySize.reason.contains("largest file"))
        let byAge = KeeperPolicy.standard.choose([candidate("a", modified: 9), candidate("b", modified: 3)])
        #expect(byAge.index == 1 && byAge.rule == .oldest)
        let tie = KeeperPolicy.standard.choose([candidate("b"), candidate("a")])
        #expect(tie.index == 1 && tie.rule == nil && tie.reason.contains("first by path"))
    }

    @Test("--prefer puts the format rule after pixels; --keep parses, and unknown or repeated rules and formats are refused")
    func parsing() throws {
        let policy = try KeeperPolicy(keep: nil, prefer: "png,jpg")
        #expect(policy.rules == [.padding, .pixels, .format, .central, .quality, .oldest, .size] && policy.preferredFormats == [.png, .jpeg])
        let choice = policy.choose([candidate("a.jpg", size: 50), candidate("b.png", size: 10, format: .png)])
        #expect(choice.index == 1 && choice.rule == .format)
        #expect(try KeeperPolicy(keep: "size, oldest", prefer: nil).rules == [.size, .oldest])
        #expect(try KeeperPolicy(keep: "oldest,format", prefer: "heic").rules == [.oldest, .format])
        #expect(throws: KeeperPolicyError.unknownRule("biggest")) { try KeeperPolicy(keep: "pixels,biggest", prefer: nil) }
        #expect(throws: KeeperPolicyError.repeated("size")) { try KeeperPolicy(keep: "size,size", prefer: nil) }
        #expect(throws: KeeperPolicyError.empty) { try KeeperPolicy(keep: " , ", prefer: nil) }
        #expect(throws: KeeperPolicyError.unknownFormat("bmp")) { try KeeperPolicy(keep: nil, prefer: "bmp") }
    }

    @Test("quality is asked for only where the chain reaches it with several copies")
    func needingQuality() {
        let differentSizes = [KeeperCandidate(path: "/a", width: 10, height: 10, format: .jpeg, fileSize: 1, modified: 0),
                              KeeperCandidate(path: "/b", width: 20, height: 10, format: .jpeg, fileSize: 1, modified: 0)]
        #expect(KeeperPolicy(rules: [.pixels, .quality, .oldest]).needingQuality(differentSizes).isEmpty, "pixels decide first")
        #expect(KeeperPolicy.standard.needingQuality(differentSizes).isEmpty, "the padding rule reads the border, not quality: pixels decide")
        var bordered = [candidate("a"), candidate("b"), candidate("c")]
        (bordered[0].borderFill, bordered[1].borderFill, bordered[2].borderFill) = (0.12, 0, 0.01)
        #expect(KeeperPolicy.standard.needingQuality(bordered) == [1, 2], "the padding rule narrows first, by the border alone")
        #expect(KeeperPolicy.standard.needingQuality([candidate("a"), candidate("b"), candidate("c")]) == [0, 1, 2])
        #expect(KeeperPolicy(rules: [.size, .oldest]).needingQuality([candidate("a"), candidate("b")]).isEmpty)
    }

    @Test("centrality is each copy's mean cosine to the others; the original of three copies is the most central, two copies tie")
    func centrality() throws {
        // An original along x and two copies, each one "edit" (a turn of 0.3 rad) away from it in
        // opposite directions: the copies are two edits apart.
        let original: [Float] = [1, 0, 0], left: [Float] = [cos(0.3), sin(0.3), 0], right: [Float] = [cos(0.3), -sin(0.3), 0]
        let values = GroupCentrality.of([left, original.map { $0 * 7 }, right])   // length does not matter
        let c = try values.map { try #require($0) }
        #expect(abs(c[1] - Double(cos(Float(0.3)))) < 1e-6)
        #expect(abs(c[0] - (Double(cos(Float(0.3))) + cos(0.6)) / 2) < 1e-6)
        #expect(c[1] > c[0] && abs(c[0] - c[2]) < 1e-9)
        #expect(GroupCentrality.of([original]) == [nil])
        let pair = GroupCentrality.of([original, left]).map { $0! }
        #expect(abs(pair[0] - pair[1]) < 1e-9, "two copies are always equally central")

        var candidates = [candidate("left"), candidate("original"), candidate("right")]
        for i in candidates.indices { candidates[i].centrality = c[i] }
        // Without centrality the path decides (left sorts first); the central rule keeps the original.
        #expect(KeeperPolicy(rules: [.pixels, .oldest]).choose(candidates).index == 0)
        let choice = KeeperPolicy(rules: [.pixels, .central, .oldest]).choose(candidates)
        #expect(choice.index == 1 && choice.rule == .central && choice.reason.contains("most like the other copies"), "\(choice.reason)")
        // Copies within the margin are equally central: the next rule decides.
        candidates[0].centrality = c[1] - KeeperPolicy.standard.centralMargin / 2
        candidates[0].modified = -1
        #expect(KeeperPolicy(rules: [.central, .oldest]).choose(candidates).index == 0)
        // A copy without a centrality (not known) is not in the running when others have one.
        candidates[1].centrality = nil
        #expect(KeeperPolicy(rules: [.central]).narrowed([0, 1, 2], by: .central, candidates).pool == [0])
        #expect(KeeperPolicy(rules: [.central]).narrowed([1, 2], by: .central, candidates).pool == [2])
    }

    @Test("byte-identical copies count once: two copies of one edit do not outvote the original")
    func centralityByContent() throws {
        let original: [Float] = [1, 0, 0], left: [Float] = [cos(0.3), sin(0.3), 0], right: [Float] = [cos(0.3), -sin(0.3), 0]
        // left twice (the same file copied): counted twice, the copy would be the most central.
        let counted = GroupCentrality.of([left, left, original]).map { $0! }
        #expect(counted[0] > counted[2])
        let once = GroupCentrality.of([left, left, original, right], content: ["l", "l", "o", "r"]).map { $0! }
        #expect(once[2] > once[0] && once[0] == once[1])
        #expect(GroupCentrality.of([left, left, original], content: ["l", "l", "o"]).allSatisfy { $0 == nil }, "two contents tie, as two copies do")
    }

    @Test("each centrality measure puts the original of two one-edit copies first")
    func centralityMeasures() throws {
        let original: [Float] = [1, 0, 0], left: [Float] = [cos(0.3), sin(0.3), 0], right: [Float] = [cos(0.3), -sin(0.3), 0]
        let near = Double(cos(Float(0.3))), far = cos(0.6)
        let least = GroupCentrality.of([left, original, right], measure: .least).map { $0! }
        #expect(abs(least[1] - near) < 1e-6 && abs(least[0] - far) < 1e-6)
        // Both copies' nearest is the original; the original's nearest is a tie, taken by position.
        #expect(GroupCentrality.of([left, original, right], measure: .votes).map { $0! } == [0.5, 1, 0])
        let median = GroupCentrality.of([left, original, right], measure: .median).map { $0! }
        #expect(abs(median[1] - near) < 1e-6 && abs(median[0] - (near + far) / 2) < 1e-6)
    }
}
