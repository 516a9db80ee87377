import ArgumentParser
import Foundation
import LikenessEngine
import LikenessLab
import LikenessLearning

extension TripletMining: ExpressibleByArgument {}
extension OptimizerKind: ExpressibleByArgument {}

/// `likeness train`: learned similarity heads on frozen features.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a similarity head on a method's features (triplet, contrastive, a Siamese pair scorer), or an autoencoder on pixels.",
        discussion: """
            Examples:
              likeness train triplet /usr/share/datasets/fashion-mnist --on efficientnet-lite0 --save fashion-triplet
              likeness train contrastive /usr/share/datasets/fashion-mnist --save fashion-contrastive
              likeness train siamese labelled.csv --layout pairs --save my-scorer
              likeness train autoencoder ~/patterns --size 64 --code 64 --save patterns-ae
            """,
        subcommands: [TrainTriplet.self, TrainContrastive.self, TrainSiamese.self, TrainAutoencoder.self])
}

/// `likeness train triplet`: an embedding head trained with the triplet loss.
struct TrainTriplet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triplet",
        abstract: "Train an embedding head with the triplet loss; use it as --model NAME or in eval.",
        discussion: """
            The base features (--on: a model id, pixels, histogram or hog) are computed once. Each \
            class gives a seeded share (--validation) to a validation split; the head trains on the \
            rest in batches of P classes × K examples, and after every epoch its P@5 on the validation \
            split is printed on stderr with the loss and the time. The best epoch is kept.

            The head: the features standardised, dense layers of the --hidden widths with ReLU, a \
            dense layer to --dim values, L2-normalised (compared by cosine). Loss: triplet loss on \
            squared distances with a margin that grows linearly from the first to the last epoch \
            (--margin START:END, or one value), triplets mined in each batch (--mining). With \
            --hard-negatives N, each example's N nearest examples of another class are found once \
            on the standardised base features (exact cosine), and every batch also holds one of \
            them for each example drawn, so the mining sees the set's hardest negatives. Optimiser: \
            AdamW by default, with a cosine decay of the learning rate (--schedule cosine, constant \
            or step:EPOCHS:FACTOR). With the same data, options, --seed and --threads, training \
            repeats bit for bit.

            Saved as <models>/heads/NAME.json (a manifest: architecture, base method and the \
            SHA-256 of its model, the training options, validation scores per epoch, the SHA-256 of \
            the weights) and NAME.weights (float32), where <models> is $LIKENESS_MODELS or \
            ~/.cache/likeness/models. A head is never overwritten. `likeness models list` lists heads. \
            A head on a model works wherever --model does (search, dupes, leakage, novelty, cluster, \
            map, calibrate): the model's stored vectors are read and mapped by the head. \
            `likeness eval DATASET --methods efficientnet-lite0,NAME` evaluates one beside its base.

            Datasets: a folder per class, or an IDX folder (MNIST, Fashion-MNIST), which trains on \
            its train file only; the t10k file is left for eval. --cache-features DIR keeps the IDX \
            features as .npy files (as `bench cluster-data` does), so a second run does not embed again.

            Example: likeness train triplet /usr/share/datasets/fashion-mnist --on efficientnet-lite0 \
            --hidden 512,128 --dim 64 --epochs 10 --margin 0.2:0.4 --save fashion-triplet && likeness eval \
            /usr/share/datasets/fashion-mnist --methods efficientnet-lite0,pixels,fashion-triplet
            """)

    @OptionGroup var options: HeadTrainingOptions
    @Flag(help: "Layer normalisation after each hidden layer.") var layerNorm = false
    @Option(help: "Examples per batch (P classes × K examples).") var batch: Int = 100
    @Option(help: ArgumentHelp("Triplet margin START:END over the epochs, or one value.", valueName: "start:end")) var margin: String = "0.2:0.4"
    @Option(help: "Triplet mining in a batch: random, semi-hard or batch-hard.") var mining: TripletMining = .semiHard
    @Option(help: ArgumentHelp("Also put in each batch, for every example, one of its N nearest examples of another class (precomputed on the base features).",
                               valueName: "n"))
    var hardNegatives: Int?

    func validate() throws {
        if let hardNegatives, hardNegatives < 1 { throw ValidationError("--hard-negatives takes at least 1") }
    }

    func run() throws {
        try TrainEmbedding.run(options, objective: .triplet, layerNorm: layerNorm, batch: batch, margin: margin, mining: mining,
                               hardNegatives: hardNegatives)
    }
}

/// What `train triplet` and `train contrastive` share: the job for an embedding head.
enum TrainEmbedding {
    static func run(_ options: HeadTrainingOptions, objective: EmbeddingObjective, layerNorm: Bool, batch: Int, margin: String,
                    mining: TripletMining, hardNegatives: Int? = nil, unlabelled: UnlabelledViews? = nil, catalog: CatalogOptions? = nil) throws {
        TrainingAllocator.keepLargeBlocks()
        let configuration = TripletTrainer.Configuration(
            hidden: try HeadTrainingOptions.widths(options.hidden), dimension: options.dim, layerNorm: layerNorm, epochs: options.epochs,
            batchSize: batch, margin: try HeadTrainingOptions.margin(margin), mining: mining, optimizer: options.optimizer,
            learningRate: options.lr, weightDecay: options.weightDecay, schedule: try HeadTrainingOptions.schedule(options.schedule),
            seed: options.seed, objective: objective == .triplet ? nil : objective, dropout: options.dropout > 0 ? options.dropout : nil,
            hardNegatives: hardNegatives)
        let epochs = configuration.epochs
        let layout = unlabelled == nil ? try options.classLayout(command: objective.rawValue) : nil
        let measure = unlabelled.map { "P@\($0.views - 1)" } ?? "P@5"
        let job = TrainJob(dataset: options.dataset, layout: layout, unlabelled: unlabelled, base: try options.base(),
                           name: options.save, training: configuration, validationShare: options.validation, threads: options.threads,
                           featureCache: options.cacheFeatures, onEpoch: { report in
                               Output.note(HeadTrainingOptions.line(report, of: epochs, measure: measure, margin: true))
                           })
        try options.render(try JobRunning.run(job, catalog: catalog))
    }
}
