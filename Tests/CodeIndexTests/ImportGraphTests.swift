import CodeIndex
import Testing

@Suite("ImportGraph")
struct ImportGraphTests {
    @Test("cycles are found and every file comes after what it imports")
    func cyclesAndOrder() {
        let snapshot = ProjectSnapshot(root: "/p", files: [
            "index.js": "const a = require('./a'); const d = require('./d')",
            "a.js": "module.exports = 1; const b = require('./b')",
            "b.js": "const c = require('./c'); module.exports = 2",
            "c.js": "const a = require('./a')",
            "d.js": "import fs from 'fs'; export const x = 1",
            "self.js": "require('./self')",
        ])
        let graph = ImportGraph(snapshot: snapshot)
        #expect(graph.cycles.contains(["a.js", "b.js", "c.js"]))
        #expect(graph.cycles.contains(["self.js"]))
        #expect(graph.cycle(containing: "d.js") == nil)
        let order = graph.leavesFirst
        #expect(order.count == 6)
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for edge in graph.edges where graph.cycle(containing: edge.from) != graph.cycle(containing: edge.to) || graph.cycle(containing: edge.from) == nil {
            if edge.from != edge.to { #expect(position[edge.to]! < position[edge.from]!, "\(edge.from) → \(edge.to)") }
        }
        #expect(graph.externals.contains { $0.record.specifier == "fs" && $0.resolution == .builtin("fs") })
    }

    @Test("a long chain does not overflow the stack")
    func longChain() {
        var files: [String: String] = [:]
        for index in 0..<5000 { files["f\(index).js"] = "require('./f\(index + 1)')" }
        files["f5000.js"] = ""
        let graph = ImportGraph(snapshot: ProjectSnapshot(root: "/p", files: files))
        #expect(graph.components.count == 5001)
        #expect(graph.leavesFirst.first == "f5000.js")
        #expect(graph.leavesFirst.last == "f0.js")
    }
}
