extension ApproximateIndexKind {
    /// Parses `name[:key=value,...]`; the one place an index string becomes a kind.
    ///
    /// Keys: `hnsw` takes `m`, `efConstruction` (or `efc`), `ef` (or `efSearch`); `ivf` takes
    /// `nlist`, `nprobe`, `train`; `ivfpq` takes those and `m`, `nbits`. Keys are case-insensitive.
    /// Unknown names, keys and values are errors that list the valid ones.
    public init(parsing text: String) throws(ANNError) {
        let trimmed = text.trimmingPrefixAndSuffixSpaces
        let (name, rest) = trimmed.firstIndex(of: ":").map { (String(trimmed[..<$0]), String(trimmed[trimmed.index(after: $0)...])) } ?? (trimmed, "")
        var settings: [(key: String, value: Int)] = []
        for item in rest.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Int(parts[1].trimmingPrefixAndSuffixSpaces) else {
                throw .invalidParameter(name: String(item), value: "", reason: "expected key=integer")
            }
            settings.append((parts[0].trimmingPrefixAndSuffixSpaces.lowercased(), value))
        }
        func take(_ valid: [String], _ apply: (String, Int) -> Void) throws(ANNError) {
            for (key, value) in settings {
                guard valid.contains(key) else {
                    throw .invalidParameter(name: key, value: "\(value)", reason: "unknown for \(name); valid: \(valid.joined(separator: ", "))")
                }
                apply(key, value)
            }
        }
        switch name.lowercased() {
        case "hnsw":
            var p = HNSWParameters()
            try take(["m", "efconstruction", "efc", "ef", "efsearch"]) { key, value in
                switch key {
                case "m": p.m = value
                case "efconstruction", "efc": p.efConstruction = value
                default: p.efSearch = value
                }
            }
            self = .hnsw(p)
        case "ivf", "ivfflat":
            var nlist: Int?, nprobe: Int?, train: Int?
            try take(["nlist", "nprobe", "train"]) { key, value in
                switch key {
                case "nlist": nlist = value
                case "nprobe": nprobe = value
                default: train = value
                }
            }
            self = .ivfFlat(Self.ivf(nlist: nlist, nprobe: nprobe, train: train))
        case "ivfpq":
            var nlist: Int?, nprobe: Int?, train: Int?, m = IVFPQParameters().m, nbits = IVFPQParameters().nbits
            try take(["nlist", "nprobe", "train", "m", "nbits"]) { key, value in
                switch key {
                case "nlist": nlist = value
                case "nprobe": nprobe = value
                case "train": train = value
                case "m": m = value
                default: nbits = value
                }
            }
            self = .ivfPQ(IVFPQParameters(ivf: Self.ivf(nlist: nlist, nprobe: nprobe, train: train), m: m, nbits: nbits))
        default:
            throw .unknownIndex(text, valid: Self.names)
        }
    }

    private static func ivf(nlist: Int?, nprobe: Int?, train: Int?) -> IVFParameters {
        let defaults = IVFParameters()
        return IVFParameters(nlist: nlist ?? defaults.nlist, nprobe: nprobe ?? defaults.nprobe, trainingSize: train)
    }

    /// The canonical text of this kind, which parses back to it.
    public var text: String {
        switch self {
        case .hnsw(let p): "hnsw:m=\(p.m),efConstruction=\(p.efConstruction),ef=\(p.efSearch)"
        case .ivfFlat(let p): "ivf:nlist=\(p.nlist),nprobe=\(p.nprobe),train=\(p.trainingSize)"
        case .ivfPQ(let p): "ivfpq:nlist=\(p.ivf.nlist),nprobe=\(p.ivf.nprobe),train=\(p.ivf.trainingSize),m=\(p.m),nbits=\(p.nbits)"
        }
    }
}

extension String {
    /// Without leading and trailing spaces (Foundation-free).
    var trimmingPrefixAndSuffixSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
