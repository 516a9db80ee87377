import LikenessNumerics

/// The mean squared error between an output and its target, over every value.
public enum MeanSquaredError {
    /// The loss and its gradient with respect to the output: 2 (output − target) / values.
    public static func evaluate(_ output: Matrix, target: Matrix) -> LossGradient {
        precondition(output.rows == target.rows && output.columns == target.columns, "MSE needs an output and a target of one shape")
        var gradient = output
        var sum = 0.0
        let scale = 2 / Float(max(1, output.values.count))
        for i in gradient.values.indices {
            let d = output.values[i] - target.values[i]
            sum += Double(d) * Double(d)
            gradient.values[i] = scale * d
        }
        return LossGradient(value: sum / Double(max(1, output.values.count)), gradient: gradient, activeTerms: output.rows)
    }
}
