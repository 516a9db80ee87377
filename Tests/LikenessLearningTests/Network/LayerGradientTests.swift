import LikenessCore
import LikenessNumerics
import Testing
@testable import LikenessLearning

/// Every layer's backward pass against finite differences of its forward pass.
@Suite struct LayerGradientTests {
    /// Float32 central differences with a step of 0.01 agree with exact gradients to about 1e-3 here.
    let tolerance = 1e-2

    @Test(arguments: [Layer.relu, .tanh, .sigmoid, .l2Normalization])
    func parameterFreeLayers(layer: Layer) throws {
        let network = try Network(inputWidth: 5, layers: [layer], seed: 3)
        let input = GradientCheck.matrix(4, 5, seed: 11, scale: 1.5, gap: 0.1)
        let errors = GradientCheck.check(network, input: input, seed: 12)
        #expect(network.parameters.isEmpty)
        #expect(errors.input < tolerance, "\(layer): input gradient off by \(errors.input)")
    }

    @Test func dense() throws {
        let network = try Network(inputWidth: 6, layers: [.dense(inputs: 6, outputs: 4)], seed: 5)
        var withBias = network
        for i in (24..<28) { withBias.parameters[i] = Float(i) / 10 }
        let errors = GradientCheck.check(withBias, input: GradientCheck.matrix(3, 6, seed: 21), seed: 22)
        #expect(errors.parameters < tolerance, "parameter gradient off by \(errors.parameters)")
        #expect(errors.input < tolerance, "input gradient off by \(errors.input)")
    }

    @Test func layerNorm() throws {
        var network = try Network(inputWidth: 7, layers: [.layerNorm(width: 7)], seed: 5)
        // Gains and biases away from their initial 1 and 0, so both gradients matter.
        var random = SeededRandom(seed: 9)
        for i in network.parameters.indices { network.parameters[i] = Float(random.nextUnit()) + 0.5 }
        let errors = GradientCheck.check(network, input: GradientCheck.matrix(3, 7, seed: 31, scale: 2), seed: 32)
        #expect(errors.parameters < tolerance, "parameter gradient off by \(errors.parameters)")
        #expect(errors.input < tolerance, "input gradient off by \(errors.input)")
    }

    @Test func attentionWeighting() throws {
        var network = try Network(inputWidth: 6, layers: [.attention(width: 6)], seed: 5)
        // It starts as the identity: every score zero, every weight 1.
        let input = GradientCheck.matrix(3, 6, seed: 51, scale: 2)
        #expect(network.parameters.allSatisfy { $0 == 0 } && network(input) == input)
        var random = SeededRandom(seed: 52)
        for i in network.parameters.indices { network.parameters[i] = Float(random.nextUnit()) - 0.5 }
        // The weights of a row average 1: y / x sums to the width.
        let output = network(input)
        let ratios = (0..<6).map { output[0, $0] / input[0, $0] }
        #expect(abs(ratios.reduce(0, +) - 6) < 1e-4 && ratios.allSatisfy { $0 > 0 } && Set(ratios).count > 1)
        let errors = GradientCheck.check(network, input: input, seed: 53)
        #expect(errors.parameters < tolerance, "parameter gradient off by \(errors.parameters)")
        #expect(errors.input < tolerance, "input gradient off by \(errors.input)")
    }

    @Test func dropout() throws {
        let network = try Network(inputWidth: 8, layers: [.dense(inputs: 8, outputs: 8), .dropout(rate: 0.25), .tanh], seed: 61)
        // The same noise gives the same mask, so finite differences see one function.
        let errors = GradientCheck.check(network, input: GradientCheck.matrix(4, 8, seed: 62), seed: 63)
        #expect(errors.parameters < tolerance, "parameter gradient off by \(errors.parameters)")
        #expect(errors.input < tolerance, "input gradient off by \(errors.input)")

        let layer = try Network(inputWidth: 1_000, layers: [.dropout(rate: 0.25)], seed: 1)
        let ones = Matrix(rows: 4, columns: 1_000, values: [Float](repeating: 1, count: 4_000))
        let dropped = layer.forward(ones, noise: 7).output.values
        // About a quarter zeroed, the rest scaled by 4/3; another noise draws another mask; inference is the identity.
        let zeros = dropped.filter { $0 == 0 }.count
        #expect((850...1_150).contains(zeros) && dropped.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3) < 1e-6 })
        #expect(layer.forward(ones, noise: 7).output.values == dropped && layer.forward(ones, noise: 8).output.values != dropped)
        #expect(layer(ones) == ones)
        #expect(throws: NetworkError.self) { try Network(inputWidth: 3, layers: [.dropout(rate: 1)], seed: 1) }
    }

    @Test func wholeNetwork() throws {
        let layers: [Layer] = [.dense(inputs: 5, outputs: 8), .layerNorm(width: 8), .tanh, .dense(inputs: 8, outputs: 6),
                               .sigmoid, .dense(inputs: 6, outputs: 3), .l2Normalization]
        let network = try Network(inputWidth: 5, layers: layers, seed: 41)
        let errors = GradientCheck.check(network, input: GradientCheck.matrix(4, 5, seed: 42), seed: 43)
        #expect(errors.parameters < tolerance, "parameter gradient off by \(errors.parameters)")
        #expect(errors.input < tolerance, "input gradient off by \(errors.input)")
    }

    @Test func layerValues() throws {
        let input = Matrix(rows: 1, columns: 3, values: [-2, 0.5, 3])
        #expect(try Network(inputWidth: 3, layers: [.relu], seed: 1)(input).values == [0, 0.5, 3])
        let sigmoid = try Network(inputWidth: 3, layers: [.sigmoid], seed: 1)(input).values
        #expect(abs(sigmoid[0] - 0.119_202_92) < 1e-6 && abs(sigmoid[2] - 0.952_574_1) < 1e-6)
        let normalised = try Network(inputWidth: 3, layers: [.l2Normalization], seed: 1)(input).values
        #expect(abs(normalised.reduce(0) { $0 + $1 * $1 } - 1) < 1e-6)
        let norm = try Network(inputWidth: 3, layers: [.layerNorm(width: 3)], seed: 1)(input).values
        #expect(abs(norm.reduce(0, +)) < 1e-5)
        #expect(abs(norm.reduce(0) { $0 + $1 * $1 } / 3 - 1) < 1e-3)
    }

    @Test func mismatchedLayersAreRefused() {
        #expect(throws: NetworkError.mismatch(layer: 1, description: "dense(5→2)", input: 4)) {
            try Network(inputWidth: 3, layers: [.dense(inputs: 3, outputs: 4), .dense(inputs: 5, outputs: 2)], seed: 1)
        }
        #expect(throws: NetworkError.parameterCount(expected: 8, found: 3)) {
            try Network(inputWidth: 3, layers: [.dense(inputs: 3, outputs: 2)], parameters: [1, 2, 3])
        }
    }

    @Test func initialisationIsSeeded() throws {
        let layers: [Layer] = [.dense(inputs: 4, outputs: 3)]
        let a = try Network(inputWidth: 4, layers: layers, seed: 7), b = try Network(inputWidth: 4, layers: layers, seed: 7)
        let c = try Network(inputWidth: 4, layers: layers, seed: 8)
        #expect(a.parameters == b.parameters)
        #expect(a.parameters != c.parameters)
        let bound = (6 / Float(4)).squareRoot()
        #expect(a.parameters.prefix(12).allSatisfy { abs($0) <= bound } && a.parameters.suffix(3) == [0, 0, 0])
    }
}
