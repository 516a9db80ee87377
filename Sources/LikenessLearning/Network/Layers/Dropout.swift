import LikenessCore
import LikenessNumerics

/// Dropout (Srivastava et al. 2014), inverted: in training each value is zeroed with probability
/// `rate` and the rest scaled by 1 / (1 − rate), so inference (the identity) needs no rescaling.
///
/// The mask of a pass is drawn from the pass's `noise` seed (``Network/forward(_:noise:)``); the
/// trainers draw one per batch from their seed, so training stays reproducible. The backward pass
/// reads the mask back from the input and output: a value was dropped where the output is zero
/// and the input is not (a zero input passes its gradient, scaled, as if kept).
struct Dropout: LayerOperation {
    let rate: Float

    private var scale: Float { 1 / (1 - rate) }

    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix { input }

    func forward(_ input: Matrix, parameters: UnsafeBufferPointer<Float>, noise: UInt64) -> Matrix {
        guard rate > 0 else { return input }
        var random = SeededRandom(seed: noise)
        var out = input
        let (keep, scale) = (Double(1 - rate), scale)
        for i in out.values.indices { out.values[i] = random.nextUnit() < keep ? input.values[i] * scale : 0 }
        return out
    }

    func infer(_ input: Matrix, parameters: UnsafeBufferPointer<Float>) -> Matrix { input }

    func backward(input: Matrix, output: Matrix, outputGradient: Matrix, parameters: UnsafeBufferPointer<Float>,
                  parameterGradient: UnsafeMutableBufferPointer<Float>, inputGradient: Bool) -> Matrix? {
        guard inputGradient else { return nil }
        var dx = outputGradient
        let scale = rate > 0 ? scale : 1
        for i in dx.values.indices {
            let dropped = output.values[i] == 0 && input.values[i] != 0
            dx.values[i] = dropped ? 0 : dx.values[i] * scale
        }
        return dx
    }
}
