import LikenessEngine

/// What a finished job returned: the engine's own result type, encoded as it is.
public enum JobOutcome: Sendable, Encodable {
    case scan(ScanSummary)
    case embed(EmbeddingIndexer.Summary)
    case dupes(DupesJob.Output)
    case novelty(NoveltyJob.Result)
    case search(SearchJob.Result)
    case sample(SamplePairsJob.Result)
    case calibrate(CalibrateJob.Result)
    case move(DuplicateMover.Run)
    case undo(UndoJob.Result)
    case decide(DecisionsJob.Result)
    case cluster(ClusterResult)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .scan(let value): try value.encode(to: encoder)
        case .embed(let value): try value.encode(to: encoder)
        case .dupes(let value): try value.encode(to: encoder)
        case .novelty(let value): try value.encode(to: encoder)
        case .search(let value): try value.encode(to: encoder)
        case .sample(let value): try value.encode(to: encoder)
        case .calibrate(let value): try value.encode(to: encoder)
        case .move(let value): try value.encode(to: encoder)
        case .undo(let value): try value.encode(to: encoder)
        case .decide(let value): try value.encode(to: encoder)
        case .cluster(let value): try value.encode(to: encoder)
        }
    }
}
