import ArgumentParser
import LikenessEngine
import LikenessLab
import LikenessLearning

/// `likeness train siamese`: a pair scorer (shared tower, fused cosine, distance and dot product, sigmoid).
struct TrainSiamese: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "siamese",
        abstract: "Train a Siamese pair scorer; use it with compare --scorer NAME or calibrate --method scorer:NAME.",
        discussion: """
            Both images of a pair go through one shared tower (the features standardised, dense \
            layers of the --hidden widths with ReLU, a dense layer to --dim values); the two outputs \
            are fused into cosine similarity, Euclidean distance and dot product (with --attention the \
            tower's output is first weighted per dimension by a learned softmax of itself, as in the \
            seed's network), which a small dense layer (--fusion-hidden adds layers before it) and a sigmoid turn into the probability that \
            the images are alike. Loss: binary cross-entropy. After each epoch the accuracy (at 0.5) \
            on held-out pairs is printed on stderr beside the base features' cosine at its best \
            threshold; the best epoch is kept.

            Pairs: from a labelled-pairs CSV (--layout pairs, or any .csv): rows path_a,path_b,label \
            with label same/different or 1/0, as `likeness calibrate sample` writes them and a person \
            fills them in; rows without a label are left out and a file without any is an error. \
            A seeded --validation share of the pairs is held out. Or from a class dataset (a folder \
            per class, IDX): each epoch pairs every training image with a random one of its class and \
            one of another; validation pairs come from a seeded per-class hold-out.

            Saved as a head of kind scorer beside the embedding heads (<models>/heads/NAME.json and \
            .weights); `likeness models list` shows it. Only a scorer on a model's embeddings can \
            score image files (compare, calibrate).

            Example: likeness train siamese /usr/share/datasets/fashion-mnist --on efficientnet-lite0 \
            --save fashion-siamese && likeness compare a.png b.png --scorer fashion-siamese
            """)

    @OptionGroup var options: HeadTrainingOptions
    @Option(help: "Pairs per batch.") var batch: Int = 128
    @Option(help: "Comma-separated widths of hidden layers between the fused features and the sigmoid (empty: none).")
    var fusionHidden: String = ""
    @Flag(help: "An attention weighting over the tower's embedding: each dimension scaled by a learned softmax of the whole embedding.")
    var attention = false

    func run() throws {
        TrainingAllocator.keepLargeBlocks()
        let configuration = SiameseTrainer.Configuration(
            hidden: try HeadTrainingOptions.widths(options.hidden), dimension: options.dim,
            fusionHidden: try HeadTrainingOptions.widths(fusionHidden), epochs: options.epochs, batchSize: batch,
            optimizer: options.optimizer, learningRate: options.lr, weightDecay: options.weightDecay,
            schedule: try HeadTrainingOptions.schedule(options.schedule), seed: options.seed, attention: attention ? true : nil,
            dropout: options.dropout > 0 ? options.dropout : nil)
        let source: TrainScorerJob.Source = options.isPairs
            ? .pairs(options.dataset) : .classes(options.dataset, layout: try options.classLayout(command: "siamese"))
        let epochs = configuration.epochs
        let job = TrainScorerJob(source: source, base: try options.base(), name: options.save, training: configuration,
                                 validationShare: options.validation, threads: options.threads, featureCache: options.cacheFeatures,
                                 onEpoch: { report in Output.note(HeadTrainingOptions.line(report, of: epochs, measure: "accuracy", margin: false)) })
        try options.render(try JobRunning.run(job))
    }
}
