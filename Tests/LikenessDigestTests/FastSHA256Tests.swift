import LikenessCore
import LikenessDigest
import Testing

@Suite struct FastSHA256Tests {
    @Test("libcrypto agrees with the reference implementation", arguments: [0, 1, 55, 56, 63, 64, 65, 1000, 100_000])
    func agrees(length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }
        #expect(FastSHA256.hash(bytes) == SHA256.hash(bytes))
    }

    @Test func knownVector() {
        #expect(FastSHA256.hash(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
