import Foundation
import LikenessCore
import Testing

@Suite struct PerceptualMethodTests {
    @Test("every name parses back to its method, case-insensitively, and JSON round-trips")
    func names() throws {
        #expect(PerceptualMethod.allCases.count == HashMethod.allCases.count + FeatureMethod.allCases.count)
        for method in PerceptualMethod.allCases {
            #expect(try PerceptualMethod(parsing: method.name.uppercased()) == method)
            let json = try JSONEncoder().encode([method])
            #expect(String(decoding: json, as: UTF8.self) == "[\"\(method.name)\"]")
            #expect(try JSONDecoder().decode([PerceptualMethod].self, from: json) == [method])
        }
        #expect(try PerceptualMethod(parsing: "radial") == .features(.radialVariance))
        #expect(try PerceptualMethod(parsing: "phash") == .bits(.pHash))
    }

    @Test("an unknown name lists both kinds of method")
    func unknown() {
        #expect(throws: UnknownNameError.self) { try PerceptualMethod(parsing: "md5") }
        do { _ = try PerceptualMethod(parsing: "md5") } catch {
            #expect(error.valid.contains("phash") && error.valid.contains("colormoments"))
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PerceptualMethod].self, from: Data("[\"md5\"]".utf8)) }
    }

    @Test("default thresholds: whole bits inside the hash for bit hashes, positive for continuous ones")
    func thresholds() {
        for method in HashMethod.allCases {
            #expect(method.defaultRadius > 0)
            #expect(PerceptualMethod.bits(method).defaultThreshold == Double(method.defaultRadius))
        }
        for method in FeatureMethod.allCases { #expect(PerceptualMethod.features(method).defaultThreshold > 0) }
    }

    @Test("values measure distance by their own method")
    func valueDistance() {
        let a = PerceptualValue.bits(BitHash(bits: [true, false, true, true]))
        let b = PerceptualValue.bits(BitHash(bits: [false, false, true, false]))
        #expect(a.distance(to: b) == 2)
        let f = PerceptualValue.features(FeatureHash(method: .colorMoments, values: [0, 0]))
        let g = PerceptualValue.features(FeatureHash(method: .colorMoments, values: [3, 4]))
        #expect(f.distance(to: g) == 5)
    }
}
