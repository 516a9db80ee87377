import Foundation
import LikenessCore
import LikenessEngine
import Synchronization

/// The duplicate groups under review: those of the latest finished dupes job, minus what was moved
/// since, with what each move removed so its undo can put the groups back.
public final class ReviewStore: Sendable {
    private struct Current {
        var result: Int
        var model: String
        var images: Int
        var warnings: [String]?
        /// Remaining groups, largest saving first.
        var groups: [ReviewGroup]
        /// The groups as they were before each move, by journal.
        var before: [String: [ReviewGroup]] = [:]
        /// The latest decision on each group, with the group as it was before it, for its undo.
        var decided: [Int: Decided] = [:]
    }

    /// A decision the review can take back: the files it was about and the group before it.
    public struct Decided: Sendable {
        public var result: Int
        public var group: ReviewGroup
        public var paths: [String]
    }

    private let current = Mutex<Current?>(nil)

    public init() {}

    /// Takes the groups of a finished dupes job (embedding mode; the server runs no other).
    public func install(job: Int, result: EmbeddingDupesResult, images: [String: CatalogImage]) {
        let groups = result.groups.enumerated().map { ReviewGroup(id: $0.offset, group: $0.element, images: images) }
            .sorted { ($0.saving, -$0.id) > ($1.saving, -$1.id) }
        current.withLock {
            $0 = Current(result: job, model: result.model, images: result.images ?? 0, warnings: result.warnings, groups: groups)
        }
    }

    /// The job whose groups are under review, nil before any dupes job finished.
    public var result: Int? { current.withLock { $0?.result } }

    /// A page of groups, in review order; with a `tier`, only the groups of that tier.
    public func page(offset: Int, limit: Int, tier: DuplicateTier? = nil) throws(APIError) -> ReviewPage {
        guard let current = current.withLock({ $0 }) else { throw Self.noResult }
        let shown = tier.map { tier in current.groups.filter { $0.tier == tier } } ?? current.groups
        let start = min(max(0, offset), shown.count)
        let tiers = Dictionary(grouping: current.groups, by: \.tier).mapValues(\.count)
        return ReviewPage(result: current.result, model: current.model, images: current.images, total: shown.count,
                          saving: shown.reduce(0) { $0 + $1.saving }, order: ReviewPage.orderRule, offset: start,
                          groups: Array(shown[start..<min(shown.count, start + max(0, limit))]), warnings: current.warnings,
                          tier: tier, tiers: DuplicateTier.allCases.map { ReviewPage.TierCount(tier: $0, groups: tiers[$0] ?? 0) })
    }

    /// One group by id, with its position in the review order.
    public func group(_ id: Int) throws(APIError) -> (group: ReviewGroup, position: Int, count: Int, result: Int) {
        guard let current = current.withLock({ $0 }) else { throw Self.noResult }
        guard let position = current.groups.firstIndex(where: { $0.id == id }) else {
            throw APIError(.notFound, .notFound, "no group \(id) in the current review (moved, or from another run)")
        }
        return (current.groups[position], position, current.groups.count, current.result)
    }

    /// The group ids in review order (for next and previous).
    public func order() -> [Int] { current.withLock { $0?.groups.map(\.id) ?? [] } }

    /// What `selection` would move, checked against the current groups.
    public func plan(_ selection: MoveSelection, destination: String) throws(APIError) -> MovePlan {
        guard let current = current.withLock({ $0 }) else { throw Self.noResult }
        guard selection.result == current.result else {
            throw APIError(.conflict, .conflict, "these groups are from dupes job \(selection.result), but the review now shows job \(current.result); reload")
        }
        let choices: [MoveSelection.Choice]
        if selection.all == true {
            choices = current.groups.filter { group in selection.tier.map { group.tier == $0 } ?? true }.map { MoveSelection.Choice(group: $0.id) }
        } else if let groups = selection.groups, !groups.isEmpty {
            choices = groups
        } else {
            throw APIError(.badRequest, .badRequest, "name the groups to move (groups: [{group, keep}]) or send all: true")
        }
        var moves: [MovePlan.Planned] = []
        for choice in choices {
            guard let group = current.groups.first(where: { $0.id == choice.group }) else {
                throw APIError(.notFound, .notFound, "no group \(choice.group) in the current review")
            }
            let kept: ReviewGroup.Member
            if let keep = choice.keep {
                guard let member = group.members.first(where: { $0.image?.id == keep }) else {
                    throw APIError(.unprocessableContent, .invalidInput, "image \(keep) is not a member of group \(group.id)")
                }
                kept = member
            } else {
                kept = group.keeper
            }
            for member in group.members where member.path != kept.path {
                moves.append(.init(group: group.id, id: member.image?.id, path: member.path, size: member.image?.size, kept: kept.path))
            }
        }
        var plan = MovePlan(result: current.result, destination: destination, moves: moves, bytes: moves.reduce(0) { $0 + ($1.size ?? 0) })
        if current.images > 0, Double(moves.count) > DupesJob.largestCopyShare * Double(current.images) {
            plan.warning = String(format: "this moves %d of the %d compared images (%.0f %%), more than %.0f %% of the collection; "
                                  + "a rule that calls most images copies is more often too loose than right", moves.count, current.images,
                                  100 * Double(moves.count) / Double(current.images), 100 * DupesJob.largestCopyShare)
        }
        return plan
    }

    /// Records a move: moved copies leave their groups, a group with one copy left leaves the review,
    /// and the groups as they were are kept for the move's undo.
    public func applied(_ run: DuplicateMover.Run) {
        let moved = Set(run.moved.map(\.from))
        current.withLock { current in
            guard var state = current else { return }
            state.before[run.journal] = state.groups
            state.groups = state.groups.compactMap { group in
                var group = group
                group.members.removeAll { moved.contains($0.path) }
                group.saving = group.members.dropFirst().reduce(0) { $0 + ($1.image?.size ?? 0) }
                return group.members.count > 1 ? group : nil
            }
            current = state
        }
    }

    /// Records a decision: the pair's other member leaves its group (`paths` of two), or the whole
    /// group leaves the review (keep all); a group with one image left leaves too. The group as it
    /// was is kept for the decision's undo.
    public func dismissed(group id: Int, paths: [String], keepAll: Bool) {
        current.withLock { current in
            guard var state = current else { return }
            if let before = state.groups.first(where: { $0.id == id }) {
                state.decided[id] = Decided(result: state.result, group: before, paths: paths)
            }
            state.groups = state.groups.compactMap { group in
                guard group.id == id else { return group }
                if keepAll { return nil }
                var group = group
                let keeper = group.keeper.path
                group.members.removeAll { $0.path != keeper && paths.contains($0.path) }
                if !paths.contains(keeper), let other = paths.first(where: { $0 != keeper }) {
                    group.members.removeAll { $0.path == other }
                }
                group.saving = group.members.dropFirst().reduce(0) { $0 + ($1.image?.size ?? 0) }
                return group.members.count > 1 ? group : nil
            }
            current = state
        }
    }

    /// The latest decision on group `id` of dupes job `result`, which its undo takes back.
    public func decision(on id: Int, result: Int) throws(APIError) -> Decided {
        guard let state = current.withLock({ $0 }) else { throw Self.noResult }
        guard result == state.result else {
            throw APIError(.conflict, .conflict, "this decision is from dupes job \(result), but the review now shows job \(state.result); reload")
        }
        guard let decided = state.decided[id] else {
            throw APIError(.notFound, .notFound, "no decision on group \(id) to undo since the review was loaded; `likeness decisions forget FILE FILE` forgets older ones")
        }
        return decided
    }

    /// Records a decision's undo: the group comes back as it was, less any member whose file has
    /// moved since, in its place in the review order.
    public func restored(_ decided: Decided) {
        current.withLock { current in
            guard var state = current, state.result == decided.result else { return }
            state.decided[decided.group.id] = nil
            var group = decided.group
            group.members.removeAll { !FileManager.default.fileExists(atPath: $0.path) }
            state.groups.removeAll { $0.id == group.id }
            if group.members.count > 1 {
                group.saving = group.members.dropFirst().reduce(0) { $0 + ($1.image?.size ?? 0) }
                let at = state.groups.firstIndex { ($0.saving, -$0.id) < (group.saving, -group.id) } ?? state.groups.count
                state.groups.insert(group, at: at)
            }
            current = state
        }
    }

    /// Records an undo: the groups come back as they were before that journal's move.
    public func undone(journal: String) {
        current.withLock { current in
            guard var state = current, let before = state.before.removeValue(forKey: journal) else { return }
            state.groups = before
            current = state
        }
    }

    static let noResult = APIError(.notFound, .notFound, "no duplicate groups yet: run the dupes job from the library page")
}
