import ArgumentParser
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

            Example: likeness train contrastive /usr/share/datasets/fashion-mnist --on efficientnet-lite0 \
            --margin 1.0 --epochs 10 --save fashion-contrastive && likeness search query.png --model fashion-contrastive
            """)

    @OptionGroup var options: HeadTrainingOptions
    @Flag(help: "Layer normalisation after each hidden layer.") var layerNorm = false
    @Option(help: "Examples per batch (P classes × K examples).") var batch: Int = 100
    @Option(help: ArgumentHelp("Contrastive margin (a distance) START:END over the epochs, or one value.", valueName: "start:end"))
    var margin: String = "1.0"

    func run() throws {
        try TrainEmbedding.run(options, objective: .contrastive, layerNorm: layerNorm, batch: batch, margin: margin, mining: .semiHard)
    }
}
