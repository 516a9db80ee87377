import Foundation
import LikenessEngine
import LikenessLab
import LikenessReport

extension TrainAutoencoder {
    /// Writes the training report of `result`: loss curves, the sample's reconstructions, the epochs.
    static func writeReport(_ result: TrainAutoencoderJob.Result, to path: String, quiet: Bool) throws {
        let epochs = result.epochs
        var charts = [TrainingReport.Chart(title: "Reconstruction error", yName: "MSE per value", curves: [
            ("training MSE", epochs.map { $0.reconstruction }), ("validation MSE", epochs.map { $0.validation }),
        ])]
        if epochs.contains(where: { $0.contrastive != nil }) {
            charts.append(.init(title: "Contrastive term", yName: "NT-Xent", curves: [("NT-Xent", epochs.map { $0.contrastive })]))
        }
        var rows: [TrainingReport.ImageRow] = []
        var names: [String] = []
        if let reconstructions = result.reconstructions {
            let thumbnails = try Thumbnails()
            names = reconstructions.paths
            rows.append(.init(label: "input", images: reconstructions.inputs.map(thumbnails.pngDataURI)))
            for snapshot in reconstructions.snapshots {
                rows.append(.init(label: "epoch \(snapshot.epoch)" + (snapshot.epoch == result.bestEpoch ? " (kept)" : ""),
                                  images: snapshot.images.map(thumbnails.pngDataURI), highlighted: snapshot.epoch == result.bestEpoch))
            }
        }
        func value(_ number: Double?, _ format: String = "%.5f") -> String { number.map { String(format: format, $0) } ?? "–" }
        let report = TrainingReport(
            title: "Autoencoder \(result.name): training",
            summary: ["\(result.input) → \(result.code)-d code, \(result.parameters) parameters; trained on \(result.trainImages) images, "
                      + "\(result.validationImages) held out.",
                      String(format: "Kept epoch %d of %d: validation MSE %.5f. Weights SHA-256 %@.", result.bestEpoch, epochs.count,
                             result.validationLoss, String(result.weightsSHA256.prefix(16)))],
            charts: charts, keptEpoch: result.bestEpoch, sampleNames: names, imageRows: rows,
            tableHeader: ["epoch", "loss", "MSE", "NT-Xent", "validation MSE", "learning rate", "seconds"],
            tableRows: epochs.map { epoch in
                ["\(epoch.epoch)", value(epoch.loss), value(epoch.reconstruction), value(epoch.contrastive), value(epoch.validation),
                 String(format: "%.2g", epoch.learningRate), String(format: "%.1f", epoch.seconds)]
            })
        do { try report.html().write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
        if !quiet { Output.note("report: \(path)") }
    }
}
