import Foundation
import LikenessCore

extension ColorHistogram {
    /// The ground distance between the histogram's bins, for the Earth Mover's Distance: the one
    /// place it is defined.
    ///
    /// Every bin is placed at the centre of its cell in the **HSV cone**, the point
    /// `(s·v·cos h, s·v·sin h, v)` for hue `h`, saturation `s` and value `v` in [0, 1]; the ground
    /// distance is the Euclidean distance between two such points. It combines the three axes in
    /// one metric: hue counts circularly (red at 0° and at 360° are one point, and hues 180° apart
    /// are farthest), weighted by the chroma `s·v`, so hue matters less for pale and dark colours,
    /// exactly as the eye finds; value counts directly. Cell centres:
    /// - grey bin `k` (0–15): `s = 0`, `v = (k + ½) / 16`, a point on the cone's axis;
    /// - chromatic bin (hue `a`, saturation `b`, value `c`): `h = 45° · a` (the bins are centred on
    ///   multiples of 45°), `s = 0.2 + 0.8 (b + ½) / 3`, `v = 0.2 + 0.8 (c + ½) / 3`.
    ///
    /// Distances run from 0 to about 1.3 (a saturated bright colour to its opposite hue). The 16
    /// grey bins are declared one line, so two greyscale images (Fashion-MNIST) take the exact
    /// closed form; colour images solve the transportation problem over their occupied bins.
    public static let earthMovers: GroundedEarthMovers = {
        let grey = (0..<greyBins).map { k in conePoint(hue: 0, saturation: 0, value: (Double(k) + 0.5) / Double(greyBins)) }
        var chromatic: [[Double]] = []
        for a in 0..<hueBins {
            for b in 0..<saturationBins {
                for c in 0..<valueBins {
                    let floor = Double(chromaticFloor)
                    chromatic.append(conePoint(hue: Double(a) * 2 * Double.pi / Double(hueBins),
                                               saturation: floor + (1 - floor) * (Double(b) + 0.5) / Double(saturationBins),
                                               value: floor + (1 - floor) * (Double(c) + 0.5) / Double(valueBins)))
                }
            }
        }
        // The points are finite and the grey ones collinear by construction.
        return try! GroundedEarthMovers(points: grey + chromatic, lines: [Array(0..<greyBins)])
    }()

    /// The point `(s·v·cos h, s·v·sin h, v)` of the HSV cone, hue in radians.
    static func conePoint(hue: Double, saturation: Double, value: Double) -> [Double] {
        let chroma = saturation * value
        return [chroma * cos(hue), chroma * sin(hue), value]
    }
}
