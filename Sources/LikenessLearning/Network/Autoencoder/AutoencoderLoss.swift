/// What an autoencoder is trained to minimise.
public enum AutoencoderLoss: String, Sendable, Codable, CaseIterable {
    /// The mean squared error of the reconstruction.
    case mse
    /// The reconstruction's MSE of two augmented views of each image, plus NT-Xent on their codes
    /// (the views of one image the positive pair, the batch's other images the negatives).
    case mseContrastive = "mse+contrastive"
}
