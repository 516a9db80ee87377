import LikenessCore
/// Groups around centres instead of by transitive closure.
///
/// Transitive grouping (union-find) chains look-alikes: A≈B and B≈C put A and C together however unlike they are, and
/// on dense data (plain garments, product shots) one chain can swallow thousands of images. Here
/// every member of a group is directly linked to the group's centre. Centres are taken greedily in
/// order of how many links they have (ties by lower index), and each takes its neighbours that no
/// earlier centre took. An image whose every neighbour is already taken stays alone.
public enum StarGrouping {
    /// Groups of at least two among `0..<count`, each with its centre first and the other members
    /// ascending, largest groups first (ties in the order the centres were taken). `links` are undirected; repeats are harmless.
    public static func groups(count: Int, links: [(i: Int, j: Int)]) -> [[Int]] {
        var neighbours = [[Int]](repeating: [], count: count)
        for link in links where link.i != link.j {
            neighbours[link.i].append(link.j)
            neighbours[link.j].append(link.i)
        }
        for n in neighbours.indices { neighbours[n] = Array(Set(neighbours[n])).sorted() }
        let order = (0..<count).filter { !neighbours[$0].isEmpty }
            .sorted { (neighbours[$0].count, -$0) > (neighbours[$1].count, -$1) }
        var taken = [Bool](repeating: false, count: count)
        var groups: [[Int]] = []
        for centre in order where !taken[centre] {
            let members = neighbours[centre].filter { !taken[$0] }
            guard !members.isEmpty else { continue }
            taken[centre] = true
            for member in members { taken[member] = true }
            groups.append([centre] + members)
        }
        return groups.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.map(\.element)
    }
}
