import Foundation
import LikenessTestSupport
import Testing

@Suite(.serialized) struct ModelsCommandTests {
    let folder = TemporaryDirectory("cli-models")

    @Test("models add, list, verify a user model; embed with it; a broken manifest is refused")
    func userModel() throws {
        let environment = ["LIKENESS_MODELS": folder.folder("models"), "LIKENESS_CACHE": TestModels.cache]
        let add = try CLIRunner.run(["models", "add", TestModels.tinyManifest("vit-tiny")], environment: environment)
        #expect(add.status == 0, "\(add.stderr)")
        let list = try CLIRunner.run(["models", "list"], environment: environment)
        #expect(list.stdout.contains("efficientnet-lite0") && list.stdout.contains("vit-tiny\t32-d"))
        let verify = try CLIRunner.run(["models", "verify", "vit-tiny"], environment: environment)
        #expect(verify.status == 0 && verify.stdout.contains("vit-tiny: ok — 32-d"), "\(verify.stderr)")

        let photos = folder.folder("photos")
        for seed in 1...3 { try Fixtures.writePattern(to: folder.child("photos/\(seed).png"), seed: UInt64(seed)) }
        let embed = try CLIRunner.run(["embed", photos, "--model", "vit-tiny", "--catalog", folder.child("c.sqlite"), "--json"],
                                      environment: environment)
        #expect(embed.status == 0, "\(embed.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(embed.stdout.utf8)) as? [String: Any])
        #expect(summary["embedded"] as? Int == 3 && summary["model"] as? String == "vit-tiny")

        let broken = folder.file("broken.json", bytes: Array(#"{"id": "x"}"#.utf8))
        let refused = try CLIRunner.run(["models", "add", broken], environment: environment)
        #expect(refused.status == 2 && refused.stderr.contains("invalid model manifest"))
        let unknown = try CLIRunner.run(["embed", "--model", "nope", "--catalog", folder.child("c.sqlite")], environment: environment)
        #expect(unknown.status == 2 && unknown.stderr.contains("valid: efficientnet-lite0, efficientnet-lite0-int8, vit-tiny"))
    }
}
