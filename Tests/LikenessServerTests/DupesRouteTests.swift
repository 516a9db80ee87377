import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessImaging
import LikenessServer
import LikenessTestSupport
import Testing

@Suite(.serialized) struct DupesRouteTests {
    /// Two originals, each with a half-size PNG and a JPEG q80 copy, and one unrelated image.
    static func makeSet(in fixture: ServerFixture) throws {
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        fixture.folder.folder("root/photos")
        for seed in 1...2 {
            let original = try editor.apply(.blur(sigma: 8), to: Fixtures.pattern(width: 320, height: 240, seed: UInt64(seed)))
            try encoder.write(original, to: fixture.folder.child("root/photos/\(seed).png"))
            try encoder.write(try editor.resized(original, to: .fit(width: 160, height: 120)), to: fixture.folder.child("root/photos/\(seed)-half.png"))
            try encoder.write(original, to: fixture.folder.child("root/photos/\(seed)-q80.jpg") + "[Q=80]")
        }
        try Fixtures.writePattern(to: fixture.folder.child("root/photos/single.png"), width: 320, height: 240, seed: 50)
    }

    /// Generated patterns are not photos: the mechanics are checked with the CLI tests' stricter rule.
    static func strict(_ fixture: ServerFixture) -> [String: Any] { ["kind": "dupes", "folders": [fixture.root + "/photos"], "accept": 0.95, "candidate": 0.85, "hashRadius": 14] }

    /// Every file under the root with its bytes.
    static func snapshot(_ root: String) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let name = enumerator?.nextObject() as? String {
            let path = root + "/" + name
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                files[name] = Array(FileManager.default.contents(atPath: path)!)
            }
        }
        return files
    }

    /// Runs the strict dupes job through the API; its id and the first group under review.
    static func firstGroup(_ client: some TestClientProtocol, _ fixture: ServerFixture) async throws -> (job: Int, group: [String: Any]) {
        let id = try #require(try await client.send(.post, "/api/v1/jobs", json: json(strict(fixture))).object()["id"] as? Int)
        _ = try await finishedJob(client, id: id)
        return (id, try #require((try await client.send(.get, "/api/v1/dupes").object()["groups"] as? [[String: Any]])?.first))
    }

    @Test("dupes groups as JSON, a preview that moves nothing, a move of the non-keepers, and an undo that leaves every file byte-identical")
    func groupsMoveUndo() async throws {
        let fixture = try ServerFixture()
        try Self.makeSet(in: fixture)
        let before = Self.snapshot(fixture.root)
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let none = try await client.send(.get, "/api/v1/dupes")
            #expect(none.status == .notFound && none.errorCode == "not-found")
            let id = try #require(try await client.send(.post, "/api/v1/jobs", json: json(Self.strict(fixture))).object()["id"] as? Int)
            let job = try #require(try await finishedJob(client, id: id)["job"] as? [String: Any])
            #expect(job["state"] as? String == "finished", "\(job)")

            let page = try await client.send(.get, "/api/v1/dupes").object()
            #expect(page["result"] as? Int == id && page["total"] as? Int == 2)
            let groups = try #require(page["groups"] as? [[String: Any]])
            let names = groups.map { (($0["members"] as? [[String: Any]]) ?? []).compactMap { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } }.sorted() }
            #expect(Set(names) == [["1-half.png", "1-q80.jpg", "1.png"], ["2-half.png", "2-q80.jpg", "2.png"]])
            // Largest saving first; every member has a catalog id, the keeper comes first and copies carry their evidence.
            let savings = groups.compactMap { $0["saving"] as? Int }
            #expect(savings == savings.sorted(by: >) && savings.allSatisfy { $0 > 0 })
            for group in groups {
                let members = try #require(group["members"] as? [[String: Any]])
                #expect(members.first?["suggested"] as? Bool == true && members.dropFirst().allSatisfy { $0["suggested"] as? Bool == false })
                #expect(members.allSatisfy { (($0["image"] as? [String: Any])?["id"] as? Int) != nil })
                #expect(members.dropFirst().allSatisfy { ($0["evidence"] as? String)?.contains("cosine ") == true })
                let keeper = try #require(members.first?["path"] as? String)
                #expect(!keeper.hasSuffix("-half.png"), "a full-size copy is kept, not \(keeper)")
            }
            let first = try #require(groups.first)
            let group = try #require(first["id"] as? Int)
            let detail = try await client.send(.get, "/api/v1/dupes/groups/\(group)").object()
            #expect(detail["position"] as? Int == 0 && detail["count"] as? Int == 2 && detail["next"] != nil && detail["previous"] == nil)

            // The preview names the two copies and moves nothing.
            let selection = json(["result": id, "groups": [["group": group]]])
            let preview = try await client.send(.post, "/api/v1/dupes/moves/preview", json: selection).object()
            let planned = try #require(preview["moves"] as? [[String: Any]])
            #expect(planned.count == 2)
            #expect(Self.snapshot(fixture.root) == before)
            let stale = try await client.send(.post, "/api/v1/dupes/moves/preview", json: json(["result": id + 100, "all": true]))
            #expect(stale.status == .conflict && stale.errorCode == "conflict")

            // The move: the copies leave the root for the trash, the group leaves the review.
            let moved = try await client.send(.post, "/api/v1/dupes/moves", json: selection)
            #expect(moved.status == .ok, "\(moved.text)")
            let run = try #require(try moved.object()["run"] as? [String: Any])
            let journal = try #require(run["journal"] as? String)
            #expect((run["moved"] as? [[String: Any]])?.count == 2 && (run["notMoved"] as? [Any])?.isEmpty == true)
            #expect(journal.hasPrefix(fixture.trash + "/"))
            let after = Self.snapshot(fixture.root)
            #expect(after.count == before.count - 2)
            for move in planned { #expect(!FileManager.default.fileExists(atPath: move["path"] as! String)) }
            #expect(try await client.send(.get, "/api/v1/dupes").object()["total"] as? Int == 1)
            let journals = try await client.send(.get, "/api/v1/moves")
            #expect(journals.text.contains(journal))

            // An undo only takes a journal of the trash.
            let foreign = fixture.folder.file("likeness-moves-fake.jsonl", bytes: Array("{}\n".utf8))
            let refused = try await client.send(.post, "/api/v1/moves/undo", json: json(["journal": foreign]))
            #expect(refused.status == .forbidden && refused.errorCode == "outside-roots")
            let undone = try await client.send(.post, "/api/v1/moves/undo", json: json(["journal": journal]))
            #expect(undone.status == .ok, "\(undone.text)")
            let restored = (try undone.object()["moves"] as? [[String: Any]])?.filter { $0["outcome"] as? String == "restored" }
            #expect(restored?.count == 2)
            #expect(Self.snapshot(fixture.root) == before, "every file is back, byte for byte")
            #expect(try await client.send(.get, "/api/v1/dupes").object()["total"] as? Int == 2, "the group is back in the review")
        }
    }

    @Test("choosing another keeper moves the suggested one; keep all stores the decision and the group leaves the review; the pages render")
    func keeperChoiceDecisionsAndPages() async throws {
        let fixture = try ServerFixture()
        try Self.makeSet(in: fixture)
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let (id, group) = try await Self.firstGroup(client, fixture)
            let members = try #require(group["members"] as? [[String: Any]])
            let groupID = try #require(group["id"] as? Int)
            let other = try #require((members.last?["image"] as? [String: Any])?["id"] as? Int)
            let preview = try await client.send(.post, "/api/v1/dupes/moves/preview",
                                                json: json(["result": id, "groups": [["group": groupID, "keep": other]]])).object()
            let paths = (preview["moves"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
            #expect(paths.contains(members.first?["path"] as! String) && !paths.contains(members.last?["path"] as! String))
            let notMember = try await client.send(.post, "/api/v1/dupes/moves/preview", json: json(["result": id, "groups": [["group": groupID, "keep": 999999]]]))
            #expect(notMember.status == .unprocessableContent && notMember.errorCode == "invalid-input")

            let overview = try await client.send(.get, "/dupes")
            #expect(overview.status == .ok)
            #expect(overview.text.components(separatedBy: "class=\"group-row\"").count - 1 == 2, "\(overview.text)")
            let compare = try await client.send(.get, "/dupes/\(groupID)")
            #expect(compare.status == .ok, "\(compare.text)")
            #expect(compare.text.components(separatedBy: "<article class=\"copy").count - 1 == 3)
            #expect(compare.text.contains("/api/v1/images/\(other)/file") && compare.text.contains("suggested keeper"))
            #expect(!compare.text.contains("http://") && !compare.text.contains("https://"), "nothing from the network")

            let pair = try await client.send(.post, "/api/v1/dupes/decisions", json: json(["result": id, "group": groupID, "kind": "notDuplicates", "images": [other]]))
            #expect(pair.status == .unprocessableContent, "a pair needs two members: \(pair.text)")
            let decision = try await client.send(.post, "/api/v1/dupes/decisions", json: json(["result": id, "group": groupID, "kind": "keepAll"]))
            #expect(decision.status == .ok, "\(decision.text)")
            let stored = try #require(try decision.object()["decisions"] as? [[String: Any]])
            #expect(stored.count == members.count * (members.count - 1) / 2, "every pair of the group: \(stored)")
            let remaining = (try await client.send(.get, "/api/v1/dupes").object()["groups"] as? [[String: Any]]) ?? []
            #expect(!remaining.contains { $0["id"] as? Int == groupID }, "the kept group left the review")
            // A new dupes run over the same files does not propose that group again.
            let again = try #require(try await client.send(.post, "/api/v1/jobs", json: json(Self.strict(fixture))).object()["id"] as? Int)
            _ = try await finishedJob(client, id: again)
            let regrouped = (try await client.send(.get, "/api/v1/dupes").object()["groups"] as? [[String: Any]]) ?? []
            let keptPaths = Set(members.compactMap { $0["path"] as? String })
            #expect(!regrouped.contains { group in
                let paths = Set(((group["members"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String })
                return paths.intersection(keptPaths).count > 1
            }, "\(regrouped)")
            #expect(regrouped.count == 1, "the other group is still proposed: \(regrouped)")
        }
    }

    @Test("one copy marked not a duplicate leaves its group and is stored; undo forgets the pair and brings the group back whole; a second undo is a 404")
    func perCopyDecisionAndUndo() async throws {
        let fixture = try ServerFixture()
        try Self.makeSet(in: fixture)
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let (id, group) = try await Self.firstGroup(client, fixture)
            let groupID = try #require(group["id"] as? Int)
            let members = try #require(group["members"] as? [[String: Any]])
            #expect(members.count == 3, "\(members)")
            let ids = members.compactMap { ($0["image"] as? [String: Any])?["id"] as? Int }
            let page = try await client.send(.get, "/dupes/\(groupID)")
            #expect(page.text.components(separatedBy: "class=\"not-duplicate").count - 1 == 3, "a button on every copy")

            let marked = try await client.send(.post, "/api/v1/dupes/decisions",
                                               json: json(["result": id, "group": groupID, "kind": "notDuplicates", "images": [ids[0], ids[2]]]))
            #expect(marked.status == .ok, "\(marked.text)")
            #expect((try marked.object()["decisions"] as? [[String: Any]])?.count == 1, "one pair stored")
            let after = try await client.send(.get, "/api/v1/dupes/groups/\(groupID)").object()
            let left = ((after["group"] as? [String: Any])?["members"] as? [[String: Any]])?.compactMap { ($0["image"] as? [String: Any])?["id"] as? Int }
            #expect(left == [ids[0], ids[1]], "the marked copy left; keeper and the other copy stay: \(String(describing: left))")

            let undone = try await client.send(.post, "/api/v1/dupes/decisions/undo", json: json(["result": id, "group": groupID]))
            #expect(undone.status == .ok, "\(undone.text)")
            #expect((try undone.object()["decisions"] as? [[String: Any]])?.isEmpty == true, "the pair is forgotten in the catalog")
            let back = try await client.send(.get, "/api/v1/dupes/groups/\(groupID)").object()
            let restored = ((back["group"] as? [String: Any])?["members"] as? [[String: Any]])?.compactMap { ($0["image"] as? [String: Any])?["id"] as? Int }
            #expect(restored == ids, "the group is whole again: \(String(describing: restored))")
            let order = (try await client.send(.get, "/api/v1/dupes").object()["groups"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
            #expect(order?.first == groupID, "back in its place in the review order: \(String(describing: order))")

            let twice = try await client.send(.post, "/api/v1/dupes/decisions/undo", json: json(["result": id, "group": groupID]))
            #expect(twice.status == .notFound && twice.errorCode == "not-found", "\(twice.text)")
            let stale = try await client.send(.post, "/api/v1/dupes/decisions/undo", json: json(["result": id + 100, "group": groupID]))
            #expect(stale.status == .conflict, "\(stale.text)")

            // keep all, then undo: the group comes back and a new dupes run proposes it again.
            _ = try await client.send(.post, "/api/v1/dupes/decisions", json: json(["result": id, "group": groupID, "kind": "keepAll"]))
            let gone = (try await client.send(.get, "/api/v1/dupes").object()["groups"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
            #expect(!gone.contains(groupID))
            #expect(try await client.send(.post, "/api/v1/dupes/decisions/undo", json: json(["result": id, "group": groupID])).status == .ok)
            let again = try #require(try await client.send(.post, "/api/v1/jobs", json: json(Self.strict(fixture))).object()["id"] as? Int)
            _ = try await finishedJob(client, id: again)
            let regrouped = (try await client.send(.get, "/api/v1/dupes").object()["groups"] as? [[String: Any]]) ?? []
            #expect(regrouped.count == 2, "both groups are proposed again: \(regrouped)")
        }
    }

    @Test("a move of more than half the compared images needs force, as dupes --move-to does: the preview warns and nothing moves without it")
    func bulkMoveNeedsForce() async throws {
        let fixture = try ServerFixture()
        try Self.makeSet(in: fixture)
        let before = Self.snapshot(fixture.root)
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let id = try #require(try await client.send(.post, "/api/v1/jobs", json: json(Self.strict(fixture))).object()["id"] as? Int)
            _ = try await finishedJob(client, id: id)
            // 4 of the 7 compared images are copies.
            let preview = try await client.send(.post, "/api/v1/dupes/moves/preview", json: json(["result": id, "all": true])).object()
            #expect((preview["moves"] as? [Any])?.count == 4)
            #expect((preview["warning"] as? String)?.contains("moves 4 of the 7 compared images (57 %)") == true, "\(preview)")
            let refused = try await client.send(.post, "/api/v1/dupes/moves", json: json(["result": id, "all": true]))
            #expect(refused.status == .conflict && refused.errorCode == "conflict")
            #expect(Self.snapshot(fixture.root) == before, "nothing moved")
            // One group alone is under half: no warning, no force needed.
            let group = try #require((try await client.send(.get, "/api/v1/dupes").object()["groups"] as? [[String: Any]])?.first?["id"] as? Int)
            let one = try await client.send(.post, "/api/v1/dupes/moves/preview", json: json(["result": id, "groups": [["group": group]]])).object()
            #expect(one["warning"] == nil)
            let forced = try await client.send(.post, "/api/v1/dupes/moves", json: json(["result": id, "all": true, "force": true]))
            #expect(forced.status == .ok, "\(forced.text)")
            #expect(Self.snapshot(fixture.root).count == before.count - 4)
        }
    }

    @Test("the groups filter by tier: each tier's count, only its groups listed and on the page; an unknown tier is a 400 naming the valid ones")
    func tierFilter() async throws {
        let fixture = try ServerFixture()
        try Self.makeSet(in: fixture)
        // A byte-identical copy makes a third group, of identical files.
        try FileManager.default.copyItem(atPath: fixture.folder.child("root/photos/single.png"), toPath: fixture.folder.child("root/photos/single-copy.png"))
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let id = try #require(try await client.send(.post, "/api/v1/jobs", json: json(Self.strict(fixture))).object()["id"] as? Int)
            _ = try await finishedJob(client, id: id)
            let all = try await client.send(.get, "/api/v1/dupes").object()
            #expect(all["total"] as? Int == 3 && all["tier"] == nil)
            let counts = Dictionary(uniqueKeysWithValues: ((all["tiers"] as? [[String: Any]]) ?? []).compactMap { entry in
                (entry["tier"] as? String).map { ($0, entry["groups"] as? Int ?? -1) }
            })
            #expect(counts == ["identical": 1, "same-picture": 2, "same-scene": 0], "\(counts)")
            for (tier, expected) in [("identical", 1), ("same-picture", 2), ("same-scene", 0)] {
                let page = try await client.send(.get, "/api/v1/dupes?tier=\(tier)").object()
                let groups = (page["groups"] as? [[String: Any]]) ?? []
                #expect(page["total"] as? Int == expected && groups.count == expected && page["tier"] as? String == tier)
                #expect(groups.allSatisfy { $0["tier"] as? String == tier })
                #expect((page["tiers"] as? [Any])?.count == 3, "the counts stay those of every tier")
            }
            let identical = try await client.send(.get, "/dupes?tier=identical")
            #expect(identical.status == .ok)
            #expect(identical.text.components(separatedBy: "class=\"group-row\"").count - 1 == 1)
            #expect(identical.text.contains("<span aria-current=\"true\">identical files (1)</span>") && identical.text.contains("href=\"/dupes?tier=same-picture\""))
            // "Move every suggested copy" on a filtered page moves that tier's copies only.
            #expect(identical.text.contains("data-tier=\"identical\""))
            let one = try await client.send(.post, "/api/v1/dupes/moves/preview", json: json(["result": id, "all": true, "tier": "identical"])).object()
            let moved = ((one["moves"] as? [[String: Any]]) ?? []).compactMap { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } }
            #expect(moved.count == 1 && ["single.png", "single-copy.png"].contains(moved[0]), "\(one)")
            let every = try await client.send(.post, "/api/v1/dupes/moves/preview", json: json(["result": id, "all": true])).object()
            #expect((every["moves"] as? [Any])?.count == 5)
            let unknown = try await client.send(.get, "/api/v1/dupes?tier=copies")
            #expect(unknown.status == .badRequest && unknown.errorCode == "bad-request" && unknown.text.contains("same-picture"))
            let page = try await client.send(.get, "/dupes?tier=copies")
            #expect(page.status == .badRequest && page.text.contains("unknown tier") && !page.text.contains("Find duplicates now"))
        }
    }
}
