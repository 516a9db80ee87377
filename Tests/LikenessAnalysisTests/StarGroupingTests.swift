import LikenessAnalysis
import LikenessCore
import Testing

@Suite struct StarGroupingTests {
    @Test("a chain does not merge end to end: members link to their centre")
    func chainsSplit() {
        // 0–1–2–3–4: union-find would make one group of five.
        let groups = StarGrouping.groups(count: 5, links: [(0, 1), (1, 2), (2, 3), (3, 4)])
        #expect(groups == [[1, 0, 2], [3, 4]])
    }

    @Test("the best-linked image is the centre; repeats and self-links are ignored; singletons dropped")
    func starCentre() {
        let links = [(4, 0), (4, 1), (4, 2), (0, 4), (3, 3), (1, 2), (5, 6)]
        let groups = StarGrouping.groups(count: 8, links: links)
        #expect(groups == [[4, 0, 1, 2], [5, 6]])
        #expect(!groups.joined().contains(3) && !groups.joined().contains(7))
    }

    @Test("every member is linked to its centre, and no image is in two groups, on seeded random links")
    func invariants() {
        var random = SeededRandom(seed: 3)
        let count = 200
        let links = (0..<600).map { _ in (i: Int(random.next() % UInt64(count)), j: Int(random.next() % UInt64(count))) }
        let linked = Set(links.flatMap { [[$0.i, $0.j], [$0.j, $0.i]] })
        let groups = StarGrouping.groups(count: count, links: links)
        let all = groups.joined()
        #expect(Set(all).count == all.count)
        for group in groups { #expect(group.dropFirst().allSatisfy { linked.contains([group[0], $0]) }) }
        #expect(zip(groups, groups.dropFirst()).allSatisfy { $0.count >= $1.count })
        // Nothing left out could still join: an image outside every group has no link to another image outside.
        let grouped = Set(all)
        let outside = (0..<count).filter { !grouped.contains($0) }
        #expect(!linked.contains { $0[0] != $0[1] && outside.contains($0[0]) && outside.contains($0[1]) })
    }
}
