import ArgumentParser
import LikenessEngine
import LikenessLearning

/// `likeness train contrastive`: an embedding head trained with the contrastive loss on pairs.
struct TrainContrastive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contrastive",
        abstract: "Train an embedding head with the contrastive loss; use it as --model NAME or in eval.",
        discussion: """
            The same head, data, validation and files as `train triplet` (see its --help), with \
            another loss: in each P × K batch, every pair of one class is pulled together (its \
            squared distance) and as many of the nearest pairs of two classes are pushed apart \
            until their distance reaches the margin (Hadsell, Chopra and LeCun 2006). The margin \
            is a distance between unit vectors, from 0 to 2; it may grow over the epochs \
            (--margin START:END).

            Without labels (--unlabelled): DATASET is a folder of images, scanned into the catalog \
            first. Each image gives --views rows of base features: the image itself and seeded \
            random edits of it (--augment), and the views of one image are treated as one class, \
            so the head learns to keep an image's edits together and other images apart \
            (SimCLR-style, on the frozen model's embeddings). Whole images are held out for \
            validation; the score is P@(views − 1): how often an image's own edits are its nearest \
            neighbours among the held-out views. --on must be a model (or an encoder), because \
            the edits are made to the pixels. The head is saved and used like any other.

            Examples:
              likeness train contrastive /usr/share/datasets/fashion-mnist --on efficientnet-lite0 --margin 1.0 --epochs 10 --save fashion-contrastive
              likeness train contrastive ~/patterns --unlabelled --views 4 --augment crop,flip,jitter,blur --epochs 20 --save patterns-views
              likeness dupes ~/patterns --model patterns-views
            """)

    @OptionGroup var options: HeadTrainingOptions
    @Flag(help: "Layer normalisation after each hidden layer.") var layerNorm = false
    @Option(help: "Examples per batch (P classes × K examples).") var batch: Int = 100
    @Option(help: ArgumentHelp("Contrastive margin (a distance) START:END over the epochs, or one value.", valueName: "start:end"))
    var margin: String = "1.0"
    @Flag(help: "Learn without labels from edited views of the images of a folder (see above).") var unlabelled = false
    @Option(help: "With --unlabelled: rows per image, the image and views − 1 edits of it.") var views: Int = 4
    @Option(help: ArgumentHelp("With --unlabelled: comma-separated random edits of the views: crop, flip, turn, jitter, blur.", valueName: "edits"))
    var augment: String = "crop,flip,jitter,blur"
    @OptionGroup var catalog: CatalogOptions

    func validate() throws {
        guard unlabelled else { return }
        if options.layout != nil { throw ValidationError("--unlabelled trains on a folder of images; --layout does not apply") }
        if options.cacheFeatures != nil { throw ValidationError("--cache-features keeps IDX features; views drawn with --unlabelled are computed for each run") }
        if views < 2 { throw ValidationError("--views takes at least 2 (the image and one edit of it), got \(views)") }
    }

    func run() throws {
        let views = unlabelled ? UnlabelledViews(views: views, augmentations: try TrainAutoencoder.augmentations(augment)) : nil
        try TrainEmbedding.run(options, objective: .contrastive, layerNorm: layerNorm, batch: batch, margin: margin, mining: .semiHard,
                               unlabelled: views, catalog: catalog)
    }
}
