import Foundation
import LikenessAnalysis
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// Our BRISQUE against the `brisque` 0.2.0 package on two real photos, and the model file's
/// failures. The model comes from setup (scripts/setup.sh, step 5c).
///
/// The pinned values were printed by
///
///     ~/.cache/likeness/venv-brisque/bin/python scripts/brisque/reference_values.py \
///         ~/.cache/likeness/photos/opencv/box.png ~/.cache/likeness/photos/opencv/rubberwhale1.png
///
/// (the package's own `calculate_brisque_features` at both scales, and `BRISQUE.score`, on the
/// PNGs' RGB pixels; PNG decoding is exact, so both sides see the same pixels). Both are photos
/// without perfectly flat areas: where the picture is flat, MSCN is the rounding error of I − μ,
/// whose sign differs between implementations (see docs/benchmarks.md, "BRISQUE against the
/// reference package").
@Suite struct BRISQUEReferenceTests {
    struct Reference: Sendable, CustomStringConvertible {
        var name: String
        var score: Double
        var features: [Double]
        var description: String { name }
    }

    static let references = [
        // 324 × 223, grey: an odd height, so the halved scale's rounding is exercised (223 → 112).
        Reference(name: "box.png", score: 12.02846958386121, features: [
            2.2840131674810005, 0.35278380633442896, 0.6762004906629582, 0.04810888003331858, 0.12217674908220162, 0.1817758003447327,
            0.6691505804167537, 0.03733528616102855, 0.12512288120351794, 0.1710461510378158, 0.7203539556195449, -0.05253482979768363,
            0.16278293206266817, 0.10336438625895913, 0.7215632562746016, -0.07899436604334768, 0.18208163222791035, 0.09213842475764322,
            2.6686150389519634, 0.43622589361943953, 0.7134056488112556, -0.020559621832028387, 0.2806759274098367, 0.2476080972876082,
            0.7727084877416357, -0.08107061506111629, 0.31484174232502465, 0.1915131032394721, 0.8264336148766953, -0.13860519656531717,
            0.3126980667385416, 0.12427929136454534, 0.8214631281018481, -0.11695744845277929, 0.29846296974477704, 0.13809355412236193,
        ]),
        Reference(name: "rubberwhale1.png", score: 13.841536109262819, features: [
            2.157376964418283, 0.2552692511608633, 0.7108223630820187, 0.09097652567579802, 0.03464537341288587, 0.10807152036123412,
            0.7176278427737677, 0.08420585435058302, 0.035853574937262774, 0.10297555906103588, 0.7372176492981167, 0.004349289175632181,
            0.06430327033543255, 0.06776211055566468, 0.7354230481592297, 0.0058090071855711155, 0.06331780760068113, 0.06792670295611751,
            2.136606086511976, 0.3487863622922417, 0.7088021487329873, 0.02538000985260738, 0.11469700426358821, 0.14325806789600945,
            0.710222317800988, 0.003216073702282054, 0.12784655105227125, 0.1314781985075045, 0.7139393584440593, -0.05492669238285169,
            0.16422384734651296, 0.10193992331328777, 0.7491901770126355, -0.04879112042665615, 0.14799362589274923, 0.09585792940699178,
        ]),
    ]

    func pixels(_ name: String) throws -> PixelBuffer {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPhotos.opencv(name))))
        let info = try ImageDecoder().probe(bytes)
        return try ImageDecoder().decode(bytes, to: .fit(width: info.width, height: info.height)).pixels
    }

    @Test("features and score match the reference package", arguments: references)
    func matchesReference(_ reference: Reference) throws {
        let model = try BRISQUEModelLocator(modelsDirectory: TestModels.modelsDirectory).load()
        let image = try pixels(reference.name)
        let features = try #require(BRISQUE.features(image))
        #expect(features.count == reference.features.count)
        for (index, (ours, theirs)) in zip(features, reference.features).enumerated() {
            // The package's root finder stops at a relative step of 1.5e-8; every other step is the same arithmetic.
            #expect(abs(ours - theirs) <= 1e-6 * max(1, abs(theirs)), "feature \(index): \(ours) vs \(theirs)")
        }
        #expect(abs(model.score(features: features) - reference.score) < 1e-3)
    }

    @Test("the model file as setup converts it: 770 support vectors of 36 features, γ 0.05, ρ −155.845")
    func modelFile() throws {
        let model = try BRISQUEModelLocator(modelsDirectory: TestModels.modelsDirectory).load()
        #expect(model.regression.count == 770)
        #expect(model.regression.dimension == BRISQUE.featureCount)
        #expect(model.regression.gamma == 0.05 && model.regression.rho == -155.845)
    }

    @Test("a missing or corrupt model file is a typed error")
    func modelErrors() throws {
        let folder = TemporaryDirectory()
        let missing = BRISQUEModelLocator(modelsDirectory: folder.path)
        #expect(throws: BRISQUEModelError.missing(path: missing.path)) { try missing.load() }
        try FileManager.default.createDirectory(atPath: (missing.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("{\"format\": \"likeness-brisque-svr\"}".utf8).write(to: URL(fileURLWithPath: missing.path))
        #expect { try missing.load() } throws: { error in
            guard case .corrupt(let path, _) = error as? BRISQUEModelError else { return false }
            return path == missing.path
        }
        var good = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            BRISQUEModelLocator(modelsDirectory: TestModels.modelsDirectory).path))) as! [String: Any]
        good["featureMinimum"] = [0.0]
        try JSONSerialization.data(withJSONObject: good).write(to: URL(fileURLWithPath: missing.path))
        #expect(throws: BRISQUEModelError.corrupt(path: missing.path, reason: "feature scaling is not 36 wide")) { try missing.load() }
    }

    @Test("without the model quality is measured as before and the BRISQUE score is nil; with it, it is there")
    func measurerWithoutModel() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPhotos.opencv("rubberwhale1.png"))))
        let without = try QualityMeasurer(naturalness: .failure(.missing(path: "/nowhere"))).scores(of: bytes)
        #expect(without.brisque == nil && without.naturalness == nil)
        let with = try QualityMeasurer().scores(of: bytes)
        let brisque = try #require(with.brisque)
        #expect(abs(brisque - 13.841536109262819) < 1e-3)
        #expect(with.naturalness == 100 - brisque)
        #expect(without.relativeSharpness == with.relativeSharpness && without.overall == with.overall)
    }

    @Test("rows stored without the model have a version of their own, so installing it measures them again")
    func versions() {
        #expect(ImageSignalCache.qualityVersion(naturalness: true) != ImageSignalCache.qualityVersion(naturalness: false))
    }
}
