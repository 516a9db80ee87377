import Foundation
internal import GRDB

extension CatalogError {
    /// The catalog error for any error met while opening, reading or writing the catalog at `path`:
    /// SQLite's result codes and file-system errors become cases that say what to do.
    static func from(_ error: any Error, path: String) -> CatalogError {
        switch error {
        case let error as CatalogError:
            return error
        case let error as DatabaseError:
            return from(error, path: path)
        case let error as CocoaError:
            switch error.code {
            case .fileWriteNoPermission, .fileWriteVolumeReadOnly: return .notWritable(path: path)
            case .fileWriteOutOfSpace: return .diskFull(path: path)
            case .fileReadNoPermission: return .cannotOpen(path: path, reason: "permission denied")
            default: return .cannotOpen(path: path, reason: error.localizedDescription)
            }
        default:
            return .sqlite(path: path, code: -1, message: "\(error)")
        }
    }

    private static func from(_ error: DatabaseError, path: String) -> CatalogError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .notADatabase(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked(path: path, message: error.message ?? "database is locked")
        case .SQLITE_READONLY:
            return .notWritable(path: path)
        case .SQLITE_CANTOPEN:
            return .cannotOpen(path: path, reason: "the file, its folder, or its -wal and -shm companions cannot be opened or created")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return .cannotOpen(path: path, reason: "permission denied")
        case .SQLITE_FULL:
            return .diskFull(path: path)
        default:
            return .sqlite(path: path, code: error.extendedResultCode.rawValue, message: error.message ?? "\(error)")
        }
    }
}
