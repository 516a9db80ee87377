import ArgumentParser
import Foundation
import LikenessEngine
import LikenessLab
import LikenessLearning

extension AutoencoderLoss: ExpressibleByArgument {}

/// `likeness train autoencoder`: a convolutional encoder–decoder trained on a folder's images
/// without labels; its encoder is then a model of its own (`--model NAME`).
struct TrainAutoencoder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autoencoder",
        abstract: "Train a convolutional autoencoder on a folder's images, without labels; use its encoder as --model NAME.",
        discussion: """
            The folder is scanned into the catalog first; training then reads its images a batch at \
            a time, squashed to --size × --size, grey (BT.601 luma) or RGB, and keeps the decoded \
            images for the next epochs up to 256 MB (those beyond are read again each epoch). A seeded 10 % is held out: after every \
            epoch the reconstruction MSE of those images is printed on stderr with the training \
            loss and the time, and the epoch with the lowest validation loss is kept.

            The network: per stage (--widths, default 16,32) a 3×3 convolution, batch \
            normalisation, ReLU and 2×2 max pooling, then a dense layer to the --code; the decoder \
            mirrors it with nearest upsampling and 3×3 convolutions, ending in a sigmoid. Loss: \
            mse, or mse+contrastive, where each image gives two augmented views (--augment), both \
            reconstructed, and NT-Xent (SimCLR) pulls the two views' codes together against the \
            batch's other images (--contrastive-weight, --temperature). Adam with a cosine decay. \
            With the same images, options, --seed and --threads, training repeats.

            Saved as <models>/encoders/NAME.json (a manifest: architecture, training options, \
            validation loss per epoch, SHA-256 of the weights) and NAME.weights (float32), where \
            <models> is $LIKENESS_MODELS or ~/.cache/likeness/models; never overwritten. \
            `likeness models list` lists encoders. The encoder works wherever --model does \
            (search, dupes, leakage, novelty, cluster, map, embed, eval): images are squashed to its \
            size and embedded by their L2-normalised code, stored in the catalog under its name. \
            `likeness reconstruct NAME FILE --out recon.png` shows what it keeps.

            --report FILE writes an offline HTML page: the loss curves by epoch (training loss, \
            MSE, NT-Xent, validation MSE, the kept epoch marked), a fixed sample of --report-sample \
            images (held-out ones first) as the encoder sees them with their reconstructions after \
            up to eight epochs spread over the run, and the table of epochs.

            Example: likeness train autoencoder ~/patterns --size 64 --channels grey --code 64 \
            --loss mse+contrastive --augment crop,flip,jitter --epochs 10 --save patterns-ae \
            --report patterns-ae.html && likeness cluster ~/patterns --model patterns-ae
            """)

    enum Channels: String, ExpressibleByArgument, CaseIterable {
        case grey, rgb
    }

    @Argument(help: ArgumentHelp("Folder of images.", valueName: "dir")) var dataset: String
    @Option(help: "Name of the saved encoder.") var save: String
    @Option(help: "Side of the square images the encoder takes (a multiple of 2^stages).") var size: Int = 64
    @Option(help: "grey or rgb.") var channels: Channels = .grey
    @Option(help: "Width of the code (the embedding).") var code: Int = 64
    @Option(help: "Comma-separated convolution channels of each stage.") var widths: String = "16,32"
    @Option(help: "mse or mse+contrastive.") var loss: AutoencoderLoss = .mse
    @Option(help: ArgumentHelp("Comma-separated random edits of training views: crop, flip, turn, jitter, blur (none by default).",
                               valueName: "edits"))
    var augment: String = ""
    @Option(help: "Weight of the contrastive term beside the MSE.") var contrastiveWeight: Float = 0.05
    @Option(help: "NT-Xent temperature.") var temperature: Float = 0.5
    @Option(help: "Passes over the training images.") var epochs: Int = 10
    @Option(help: "Images per batch.") var batch: Int = 64
    @Option(help: "Adam's base learning rate.") var lr: Float = 1e-3
    @Option(help: "Seeds the weights, the split, the order and the edits.") var seed: UInt64 = 1
    @Option(help: "Threads for BLAS.") var threads: Int = 1
    @Option(help: ArgumentHelp("Also write an HTML training report here: loss curves and a fixed sample's reconstructions after several epochs.",
                               valueName: "file"))
    var report: String?
    @Option(help: "Images in the report's fixed sample (held-out images first).") var reportSample: Int = 8
    @OptionGroup var catalog: CatalogOptions
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    func run() throws {
        TrainingAllocator.keepLargeBlocks()
        let augmentations = try Self.augmentations(augment)
        if loss == .mseContrastive && augmentations.isEmpty {
            throw ValidationError("--loss mse+contrastive needs --augment (two identical views teach nothing), e.g. --augment crop,flip,jitter")
        }
        let stages = try HeadTrainingOptions.widths(widths)
        let architecture = AutoencoderArchitecture(side: size, channels: channels == .grey ? 1 : 3, code: code, widths: stages)
        let training = AutoencoderTrainer.Configuration(epochs: epochs, batchSize: batch, learningRate: lr, loss: loss,
                                                        contrastiveWeight: contrastiveWeight, temperature: temperature,
                                                        augmentations: augmentations, seed: seed)
        let total = epochs
        let job = TrainAutoencoderJob(dataset: dataset, name: save, architecture: architecture, training: training, threads: threads,
                                      reportSample: report == nil ? 0 : max(1, reportSample), onEpoch: { Output.note(Self.line($0, of: total)) })
        let result = try JobRunning.run(job, catalog: catalog)
        if let report { try Self.writeReport(result, to: report, quiet: json) }
        if json { try Output.json(result); return }
        print("saved encoder \(result.name) (\(result.manifestPath))")
        print("\(result.input) → \(result.code)-d code, \(result.parameters) parameters; trained on \(result.trainImages) images, \(result.validationImages) held out")
        print(String(format: "validation MSE %.5f (epoch %d)", result.validationLoss, result.bestEpoch))
        if result.failedReads > 0 { Output.note("\(result.failedReads) image reads failed during training (trained on as blank)") }
    }

    /// `crop,flip,…` parsed; an unknown edit lists the valid ones.
    static func augmentations(_ text: String) throws -> [Augmentation] {
        try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let edit = Augmentation(rawValue: name) else {
                throw ValidationError("--augment takes \(Augmentation.allCases.map(\.rawValue).joined(separator: ", ")), got \(name)")
            }
            return edit
        }
    }

    /// One epoch's progress line.
    static func line(_ epoch: AutoencoderTrainer.Epoch, of epochs: Int) -> String {
        let contrastive = epoch.contrastive.map { String(format: " (NT-Xent %.4f)", $0) } ?? ""
        let validation = epoch.validation.map { String(format: ", validation MSE %.5f", $0) } ?? ""
        return String(format: "epoch %d/%d: loss %.5f, MSE %.5f%@%@, lr %.2g, %.1f s", epoch.epoch, epochs, epoch.loss, epoch.reconstruction,
                      contrastive, validation, epoch.learningRate, epoch.seconds)
    }
}
