/// The import graph of a project's sources: which file loads which, the cycles among them
/// (strongly connected components), and an order that lists every file after the files it
/// imports ("leaves first"), so a migration can go bottom-up.
package struct ImportGraph: Sendable {
    /// One edge: `from` loads `to` through `record`.
    package struct Edge: Sendable, Equatable {
        /// The importing file (relative path).
        package var from: String
        /// The imported file (relative path).
        package var to: String
        /// The import as written.
        package var record: ImportRecord
    }

    /// A specifier that did not lead to a project file.
    package struct External: Sendable, Equatable {
        /// The importing file (relative path).
        package var from: String
        /// The import as written.
        package var record: ImportRecord
        /// Where it leads (a builtin, a file outside the project, or nowhere).
        package var resolution: ModuleResolver.Resolution
    }

    /// The files (relative paths), sorted.
    package let files: [String]
    /// Edges between project files.
    package let edges: [Edge]
    /// Imports of builtins, installed packages, files outside the project, and unresolved ones.
    package let externals: [External]
    /// Strongly connected components in reverse topological order (leaves first); each lists its
    /// files sorted.
    package let components: [[String]]

    /// Parses every source in `snapshot` (or uses `parsed`) and resolves its imports.
    package init(snapshot: ProjectSnapshot, parsed: [String: ParsedModule]? = nil, resolver: ModuleResolver? = nil) {
        let resolver = resolver ?? ModuleResolver(files: SnapshotFileLookup(snapshot))
        let files = snapshot.sourcePaths
        var edges: [Edge] = []
        var externals: [External] = []
        for file in files {
            let module = parsed?[file] ?? ParsedModule(snapshot.files[file] ?? "", jsx: file.hasSuffix("x"))
            for record in module.imports {
                guard let specifier = record.specifier else { continue }
                let resolution = resolver.resolve(specifier, from: snapshot.absolute(file))
                if case .file(let path) = resolution, let relative = snapshot.relative(path), files.contains(relative) {
                    edges.append(Edge(from: file, to: relative, record: record))
                } else {
                    externals.append(External(from: file, record: record, resolution: resolution))
                }
            }
        }
        self.files = files
        self.edges = edges
        self.externals = externals
        self.components = Self.stronglyConnectedComponents(files: files, edges: edges)
    }

    /// Files in an order where each comes after everything it imports (cycles kept together).
    package var leavesFirst: [String] { self.components.flatMap { $0 } }

    /// The components with more than one file, or one file importing itself.
    package var cycles: [[String]] {
        self.components.filter { component in
            component.count > 1 || self.edges.contains { $0.from == component[0] && $0.to == component[0] }
        }
    }

    /// The cycle holding `file`, if any.
    package func cycle(containing file: String) -> [String]? {
        self.cycles.first { $0.contains(file) }
    }

    /// Files that `file` imports directly.
    package func dependencies(of file: String) -> [String] {
        Array(Set(self.edges.filter { $0.from == file }.map(\.to))).sorted()
    }

    /// Files that import `file` directly.
    package func dependents(of file: String) -> [String] {
        Array(Set(self.edges.filter { $0.to == file }.map(\.from))).sorted()
    }

    /// Tarjan's algorithm (Tarjan 1972), iterative so deep chains cannot overflow the stack.
    /// Components come out in reverse topological order of the condensation: a component is
    /// emitted only after every component it reaches, which is "leaves first".
    ///
    /// - Complexity: O(V + E).
    package static func stronglyConnectedComponents(files: [String], edges: [Edge]) -> [[String]] {
        var indexOf: [String: Int] = [:]
        for (index, file) in files.enumerated() { indexOf[file] = index }
        var successors = [[Int]](repeating: [], count: files.count)
        for edge in edges {
            guard let from = indexOf[edge.from], let to = indexOf[edge.to] else { continue }
            if !successors[from].contains(to) { successors[from].append(to) }
        }
        for index in successors.indices { successors[index].sort() }
        var order = [Int](repeating: -1, count: files.count)
        var lowLink = [Int](repeating: 0, count: files.count)
        var onStack = [Bool](repeating: false, count: files.count)
        var stack: [Int] = []
        var counter = 0
        var result: [[String]] = []
        for root in files.indices where order[root] < 0 {
            // Each work item is a node and the position of the next successor to visit.
            var work: [(node: Int, next: Int)] = [(root, 0)]
            order[root] = counter
            lowLink[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while !work.isEmpty {
                let (node, next) = work[work.count - 1]
                if next < successors[node].count {
                    work[work.count - 1].next += 1
                    let successor = successors[node][next]
                    if order[successor] < 0 {
                        order[successor] = counter
                        lowLink[successor] = counter
                        counter += 1
                        stack.append(successor)
                        onStack[successor] = true
                        work.append((successor, 0))
                    } else if onStack[successor] {
                        lowLink[node] = min(lowLink[node], order[successor])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                if lowLink[node] == order[node] {
                    var component: [String] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(files[member])
                        if member == node { break }
                    }
                    result.append(component.sorted())
                }
            }
        }
        return result
    }
}
