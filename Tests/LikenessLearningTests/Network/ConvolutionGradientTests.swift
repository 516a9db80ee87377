import LikenessCore
import LikenessNumerics
import Testing
@testable import LikenessLearning

/// The convolutional layers' backward passes against finite differences, and their values against
/// sums worked by hand.
@Suite struct ConvolutionGradientTests {
    /// Float32 central differences with a step of 0.01 agree with exact gradients to about 1e-3 here.
    let tolerance = 1e-2

    /// A batch of `rows` examples of `maps`, values spread so that no two in a row are within 0.05
    /// (a finite difference then never swaps a max-pool's winner).
    static func spread(_ rows: Int, _ maps: FeatureMaps, seed: UInt64) -> Matrix {
        var random = SeededRandom(seed: seed)
        var values: [Float] = []
        for _ in 0..<rows {
            var row = (0..<maps.count).map { Float($0) * 0.05 - Float(maps.count) * 0.025 }
            row.shuffle(using: &random)
            values += row
        }
        return Matrix(rows: rows, columns: maps.count, values: values)
    }

    @Test(arguments: [(1, 0), (1, 1), (2, 1), (2, 0)])
    func convolution(stride: Int, padding: Int) throws {
        let maps = FeatureMaps(channels: 2, height: 5, width: 6)
        let shape = Convolution(input: maps, outputChannels: 3, kernel: 3, stride: stride, padding: padding)
        var network = try Network(inputWidth: maps.count, layers: [.conv2d(shape)], seed: 5)
        let weights = 3 * 2 * 9
        for i in weights..<(weights + 3) { network.parameters[i] = Float(i - weights) / 4 - 0.3 }
        let errors = GradientCheck.check(network, input: GradientCheck.matrix(2, maps.count, seed: 21), seed: 22)
        #expect(errors.parameters < tolerance, "parameter gradient off by \(errors.parameters)")
        #expect(errors.input < tolerance, "input gradient off by \(errors.input)")
    }

    @Test func convolutionValues() throws {
        // A 3×3 kernel of ones with padding 1 sums each pixel's neighbourhood; the bias adds 0.5.
        let maps = FeatureMaps(channels: 1, height: 3, width: 3)
        var network = try Network(inputWidth: 9, layers: [.conv2d(Convolution(input: maps, outputChannels: 1))], seed: 1)
        network.parameters = [Float](repeating: 1, count: 9) + [0.5]
        let output = network(Matrix(rows: 1, columns: 9, values: [1, 2, 3, 4, 5, 6, 7, 8, 9]))
        #expect(output.values == [12, 21, 16, 27, 45, 33, 24, 39, 28].map { $0 + 0.5 })
        // Stride 2 without padding on 5×5 gives 2×2.
        let strided = Convolution(input: FeatureMaps(channels: 1, height: 5, width: 5), outputChannels: 4, kernel: 3, stride: 2, padding: 0)
        #expect(strided.output == FeatureMaps(channels: 4, height: 2, width: 2))
        #expect(Convolution(input: maps, outputChannels: 1, kernel: 5, padding: 0).output == nil)
    }

    /// The unfolded convolution against the direct sum over taps, on shapes whose padding reaches past
    /// a whole kernel row or column (kernel 5, padding 3), strides 1 to 3 and non-square inputs; and
    /// the input gradient (col2im) against the direct transpose of that sum.
    @Test(arguments: [(3, 1, 1), (3, 2, 1), (5, 1, 3), (5, 3, 2), (1, 2, 0), (3, 1, 0)])
    func convolutionMatchesTheDirectSum(kernel: Int, stride: Int, padding: Int) throws {
        let maps = FeatureMaps(channels: 2, height: 6, width: 7)
        let shape = Convolution(input: maps, outputChannels: 3, kernel: kernel, stride: stride, padding: padding)
        let out = try #require(shape.output)
        let network = try Network(inputWidth: maps.count, layers: [.conv2d(shape)], seed: 9)
        let input = GradientCheck.matrix(2, maps.count, seed: 31)
        let tape = network.forward(input)
        let upstream = GradientCheck.matrix(2, out.count, seed: 32)
        var gradient = [Float](repeating: 0, count: network.parameters.count)
        let dx = try #require(network.backward(tape, outputGradient: upstream, into: &gradient, inputGradient: true))
        let w = network.parameters, bias = shape.outputChannels * shape.patchLength
        for r in 0..<2 {
            var expectedInputGradient = [Double](repeating: 0, count: maps.count)
            for o in 0..<shape.outputChannels {
                for oy in 0..<out.height {
                    for ox in 0..<out.width {
                        var sum = Double(w[bias + o])
                        for c in 0..<maps.channels {
                            for ky in 0..<kernel {
                                for kx in 0..<kernel {
                                    let (y, x) = (oy * stride - padding + ky, ox * stride - padding + kx)
                                    guard y >= 0, y < maps.height, x >= 0, x < maps.width else { continue }
                                    let weight = Double(w[((o * maps.channels + c) * kernel + ky) * kernel + kx])
                                    let pixel = (c * maps.height + y) * maps.width + x
                                    sum += weight * Double(input.values[r * maps.count + pixel])
                                    expectedInputGradient[pixel] += weight * Double(upstream.values[r * out.count + (o * out.height + oy) * out.width + ox])
                                }
                            }
                        }
                        let got = Double(tape.output.values[r * out.count + (o * out.height + oy) * out.width + ox])
                        #expect(abs(got - sum) < 1e-4, "output \(o),\(oy),\(ox) of example \(r): \(got) against \(sum)")
                    }
                }
            }
            for pixel in 0..<maps.count {
                let got = Double(dx.values[r * maps.count + pixel])
                #expect(abs(got - expectedInputGradient[pixel]) < 1e-4, "input gradient \(pixel) of example \(r)")
            }
        }
    }

    @Test func maxPool() throws {
        let maps = FeatureMaps(channels: 2, height: 4, width: 6)
        let network = try Network(inputWidth: maps.count, layers: [.maxPool(Window(input: maps))], seed: 1)
        #expect(network.outputWidth == 2 * 2 * 3)
        let errors = GradientCheck.check(network, input: Self.spread(3, maps, seed: 4), seed: 5)
        #expect(errors.input < tolerance, "input gradient off by \(errors.input)")
        let values = try Network(inputWidth: 4, layers: [.maxPool(Window(input: FeatureMaps(channels: 1, height: 2, width: 2)))], seed: 1)
        #expect(values(Matrix(rows: 1, columns: 4, values: [0.1, -3, 7, 2])).values == [7])
        #expect(throws: NetworkError.self) {
            try Network(inputWidth: 15, layers: [.maxPool(Window(input: FeatureMaps(channels: 1, height: 3, width: 5)))], seed: 1)
        }
    }

    @Test func upsample() throws {
        let maps = FeatureMaps(channels: 2, height: 2, width: 3)
        let network = try Network(inputWidth: maps.count, layers: [.upsample(Window(input: maps))], seed: 1)
        #expect(network.outputWidth == 2 * 4 * 6)
        let errors = GradientCheck.check(network, input: GradientCheck.matrix(2, maps.count, seed: 6), seed: 7)
        #expect(errors.input < tolerance, "input gradient off by \(errors.input)")
        let small = try Network(inputWidth: 2, layers: [.upsample(Window(input: FeatureMaps(channels: 1, height: 1, width: 2)))], seed: 1)
        #expect(small(Matrix(rows: 1, columns: 2, values: [1, 2])).values == [1, 1, 2, 2, 1, 1, 2, 2])
    }

    @Test func batchNormalisation() throws {
        var network = try Network(inputWidth: 3 * 4, layers: [.batchNorm(channels: 3, plane: 4)], seed: 1)
        var random = SeededRandom(seed: 9)
        for i in 0..<6 { network.parameters[i] = Float(random.nextUnit()) + 0.5 }
        let input = GradientCheck.matrix(5, 12, seed: 31, scale: 2)
        let errors = GradientCheck.check(network, input: input, seed: 32, parameterLimit: 6)
        #expect(errors.parameters < tolerance, "parameter gradient off by \(errors.parameters)")
        #expect(errors.input < tolerance, "input gradient off by \(errors.input)")
        // The statistics get no gradient.
        let analytic = network.gradient(network.forward(input), outputGradient: GradientCheck.matrix(5, 12, seed: 33))
        #expect(analytic.parameters[6...].allSatisfy { $0 == 0 })
    }

    @Test func batchNormalisationAtInference() throws {
        var network = try Network(inputWidth: 2 * 3, layers: [.batchNorm(channels: 2, plane: 3)], seed: 1)
        let batch = GradientCheck.matrix(8, 6, seed: 41, scale: 3)
        let training = network.forward(batch).output
        // Before recalibration the stored statistics are 0 and 1: inference is the identity.
        #expect(zip(network(batch).values, batch.values).allSatisfy { abs($0 - $1 / (1 + 1e-5).squareRoot()) < 1e-5 })
        network.recalibrate([batch])
        // After it, inference on the same batch normalises by that batch's statistics.
        #expect(zip(network(batch).values, training.values).allSatisfy { abs($0 - $1) < 1e-4 })
        // Each channel of the output has mean 0 and variance 1 over the batch and the plane.
        for c in 0..<2 {
            let values = (0..<8).flatMap { r in (0..<3).map { training.values[r * 6 + c * 3 + $0] } }
            let mean = values.reduce(0, +) / Float(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(values.count)
            #expect(abs(mean) < 1e-5 && abs(variance - 1) < 1e-3)
        }
    }

    @Test func convolutionalNetwork() throws {
        // The autoencoder's own layer chain, small: conv, batch norm, ReLU, pool, dense, and back. Through
        // a chain, ReLU kinks and max-pool ties lie closer than 0.01 apart, so the step is 0.001.
        let architecture = AutoencoderArchitecture(side: 4, channels: 1, code: 3, widths: [2])
        let model = try Autoencoder(architecture: architecture, seed: 3)
        let input = Self.spread(3, FeatureMaps(channels: 1, height: 4, width: 4), seed: 8)
        let encoder = GradientCheck.check(model.encoder, input: input, seed: 9, step: 1e-3)
        #expect(encoder.parameters < tolerance, "encoder parameter gradient off by \(encoder.parameters)")
        #expect(encoder.input < tolerance, "encoder input gradient off by \(encoder.input)")
        let decoder = GradientCheck.check(model.decoder, input: GradientCheck.matrix(3, 3, seed: 10, gap: 0.1), seed: 11, step: 1e-3)
        #expect(decoder.parameters < tolerance, "decoder parameter gradient off by \(decoder.parameters)")
        #expect(decoder.input < tolerance, "decoder input gradient off by \(decoder.input)")
    }

    @Test func architectureShapes() throws {
        let architecture = AutoencoderArchitecture(side: 64, channels: 3, code: 32)
        let model = try Autoencoder(architecture: architecture, seed: 1)
        #expect(model.encoder.inputWidth == 3 * 64 * 64 && model.encoder.outputWidth == 32)
        #expect(model.decoder.inputWidth == 32 && model.decoder.outputWidth == 3 * 64 * 64)
        #expect(throws: TrainingError.self) { try AutoencoderArchitecture(side: 30, channels: 1, code: 8).validate() }
        #expect(throws: TrainingError.self) { try AutoencoderArchitecture(side: 32, channels: 2, code: 8).validate() }
        let restored = try Autoencoder(architecture: architecture, parameters: model.parameters)
        #expect(restored == model)
        #expect(throws: NetworkError.self) { try Autoencoder(architecture: architecture, parameters: [1, 2, 3]) }
    }
}
