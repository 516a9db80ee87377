internal import CVips

extension VipsImageHandle {
    /// Scaled and cropped as `plan` says: libvips' box shrink for large factors, then a bicubic kernel.
    func resized(plan: ResizePlan, path: String?) throws(ImagingError) -> VipsImageHandle {
        var image = self
        let (scaledWidth, scaledHeight) = plan.scaled
        if image.width != scaledWidth || image.height != scaledHeight {
            let (hscale, vscale) = (Double(scaledWidth) / Double(image.width), Double(scaledHeight) / Double(image.height))
            image = try image.apply("resize", path: path) { lk_resize($0, hscale, vscale, $1) }
        }
        if let crop = plan.crop(width: image.width, height: image.height) {
            image = try image.apply("extract_area", path: path) {
                lk_extract_area($0, Int32(crop.left), Int32(crop.top), Int32(crop.width), Int32(crop.height), $1)
            }
        }
        return image
    }
}
