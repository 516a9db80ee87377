import LikenessNumerics

extension Network {
    /// Sets every batch normalisation's population mean and variance from training batches, as the
    /// statistics the network sees in training ("precise BN"): each batch runs forward in training
    /// mode, and each normalisation layer's input is pooled over all of them, per channel.
    ///
    /// Call it after training (and before any validation at inference); the optimiser never moves
    /// these values (their gradient is 0), and a network without batch normalisation is unchanged.
    public mutating func recalibrate(_ batches: some Sequence<Matrix>) {
        let normalisations = layers.enumerated().compactMap { position, layer -> (Int, Int, Int)? in
            if case .batchNorm(let channels, let plane) = layer { (position, channels, plane) } else { nil }
        }
        guard !normalisations.isEmpty else { return }
        var sums = normalisations.map { [Double](repeating: 0, count: $0.1) }
        var squares = sums, counts = [Double](repeating: 0, count: normalisations.count)
        for batch in batches {
            let tape = forward(batch)
            for (n, (position, channels, plane)) in normalisations.enumerated() {
                let x = tape.activations[position]
                for r in 0..<x.rows {
                    for c in 0..<channels {
                        for i in 0..<plane {
                            let value = Double(x.values[r * x.columns + c * plane + i])
                            sums[n][c] += value
                            squares[n][c] += value * value
                        }
                    }
                }
                counts[n] += Double(x.rows * plane)
            }
        }
        let offsets = self.offsets
        for (n, (position, channels, _)) in normalisations.enumerated() where counts[n] > 0 {
            let start = offsets[position]
            for c in 0..<channels {
                let mean = sums[n][c] / counts[n]
                parameters[start + 2 * channels + c] = Float(mean)
                parameters[start + 3 * channels + c] = Float(max(0, squares[n][c] / counts[n] - mean * mean))
            }
        }
    }
}
