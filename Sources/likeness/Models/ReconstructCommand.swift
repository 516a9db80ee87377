import ArgumentParser
import LikenessEngine

/// `likeness reconstruct`: an image through a trained autoencoder, to see what its code keeps.
struct Reconstruct: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an image as a trained autoencoder reconstructs it.",
        discussion: """
            The image is prepared as the encoder's training images were (squashed to its size, grey \
            or RGB), encoded and decoded; the reconstruction is written to --out (PNG, JPEG, … by \
            the suffix) and, with --prepared, the input as the encoder saw it. Files are never \
            overwritten. Prints the reconstruction's MSE beside the encoder's validation MSE.

            Example: likeness reconstruct patterns-ae ~/patterns/a.png --out recon.png --prepared input.png
            """)

    @Argument(help: ArgumentHelp("The encoder (likeness train autoencoder).", valueName: "name")) var name: String
    @Argument(help: ArgumentHelp("An image file.", valueName: "file")) var file: String
    @Option(help: "Where to write the reconstruction.") var out: String
    @Option(help: "Where to write the input as the encoder sees it.") var prepared: String?
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    func run() throws {
        let result = try JobRunning.run(ReconstructJob(encoder: name, file: file, output: out, prepared: prepared))
        if json { try Output.json(result); return }
        print(String(format: "%@ → %@ (%@): MSE %.5f (the encoder's validation MSE %.5f)", result.file, result.output, result.input,
                     result.meanSquaredError, result.validationError))
    }
}
