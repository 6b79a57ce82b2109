import Basics
import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// `seam-bench tree`: how the Workspace module copes with a large repository — the time to the
/// first tree frame (root listing + git status markers), expanding a deep directory, walking
/// every file, fuzzy-finding over all paths, and searching contents, all measured in one run on
/// a generated git repository (or an existing directory with `--path`).
let treeBenchmark = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam-bench tree",
        abstract: "file tree, git status, fuzzy find and content search on a generated large repository",
        usage: "[--files N] [--path DIR] [--keep]",
        options: [
            .init("files", value: "N", help: "files to generate (default 100000)"),
            .init("path", value: "DIR", help: "measure an existing directory instead of generating one"),
            .init("keep", help: "keep the generated repository and print its path"),
        ],
        discussion: """
            Generation (files, git add, git commit) is timed separately and not part of the results.
            Fast operations report the median of several runs.
            """
    )
) { arguments in
    let count = try arguments.integer("files", default: 100_000, in: 100...2_000_000) ?? 100_000
    var benchmark = TreeBenchmark()
    if let path = arguments.value("path") {
        try benchmark.measure(root: path, deepDirectory: nil)
        return 0
    }
    let directory = try TreeBenchmark.temporaryDirectory()
    defer {
        if arguments.flag("keep") {
            writeStandardOutput("kept: \(directory)\n")
        } else {
            _ = try? Subprocess.run("/bin/rm", ["-rf", directory])
        }
    }
    let deep = try benchmark.generate(in: directory, files: count)
    try benchmark.measure(root: directory, deepDirectory: deep)
    return 0
}

/// The tree benchmark's generator and measurements.
struct TreeBenchmark {
    private var random = Random(seed: 0x5EA_17EE)

    // MARK: - Generation

    static func temporaryDirectory() throws -> String {
        let base = ProcessEnvironment.current["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/seam-bench-tree-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw SystemError("cannot create a directory under \(base)") }
        return String(cString: created)
    }

    /// Writes `files` files in a realistic shape (16 × 8 × 8 × 4 directories, a deep chain, an
    /// ignored `node_modules`), commits them, then changes a few so git has markers to show.
    /// Returns the deep directory's path.
    mutating func generate(in root: String, files count: Int) throws -> String {
        let started = ContinuousClock.now
        let words = ["user", "order", "cart", "button", "modal", "table", "index", "api", "auth", "config", "render", "store"]
        let kinds = ["Controller", "Service", "View", "Model", "Handler", "Utils", "Store", "Test"]
        let extensions = [".ts", ".ts", ".tsx", ".js", ".js", ".swift", ".py", ".json", ".md"]
        var leaves: [String] = []
        for a in 0..<16 {
            for b in 0..<8 {
                for c in 0..<8 {
                    for d in 0..<4 {
                        leaves.append("packages/pkg\(a)/src/\(words[b % words.count])\(b)/\(words[(c + 3) % words.count])\(c)/part\(d)")
                    }
                }
            }
        }
        let deep = "deep/level1/level2/level3/level4/level5/level6/level7/level8"
        var written = 0
        try FileSystem.createDirectories(root + "/" + deep)
        for index in 0..<200 {
            try Self.write(root + "/" + deep + "/file\(index).ts", "export const value\(index) = \(index);\n")
            written += 1
        }
        var made = Set<String>()
        var perLeaf = max(1, (count - written) / leaves.count)
        if perLeaf * leaves.count + written < count { perLeaf += 1 }
        leafLoop: for leaf in leaves {
            if !made.contains(leaf) {
                try FileSystem.createDirectories(root + "/" + leaf)
                made.insert(leaf)
            }
            for index in 0..<perLeaf {
                if written >= count { break leafLoop }
                let word = words[self.random.next(words.count)]
                let kind = kinds[self.random.next(kinds.count)]
                let ext = extensions[self.random.next(extensions.count)]
                let name = "\(word.prefix(1).uppercased())\(word.dropFirst())\(kind)\(index)\(ext)"
                try Self.write(root + "/" + leaf + "/" + name, self.content(name: name, ext: ext, word: word, kind: kind))
                written += 1
            }
        }
        try Self.write(root + "/.gitignore", "node_modules/\ndist/\n*.log\n")
        for name in ["README.md", "package.json", "tsconfig.json", "CHANGELOG.md", "LICENSE"] {
            try Self.write(root + "/" + name, "\(name)\n")
        }
        for directory in ["docs", "scripts", "tools"] {
            try FileSystem.createDirectories(root + "/" + directory)
            try Self.write(root + "/" + directory + "/README.md", "# \(directory)\n")
        }
        for index in 0..<500 {
            let directory = root + "/node_modules/lib\(index % 50)"
            try FileSystem.createDirectories(directory)
            try Self.write(directory + "/index\(index).js", "module.exports = \(index);\n")
        }
        let generated = ContinuousClock.now - started
        let environment = Self.gitEnvironment()
        let gitStarted = ContinuousClock.now
        try Self.git(["init", "-q", "-b", "main"], in: root, environment)
        try Self.git(["add", "-A"], in: root, environment)
        try Self.git(["commit", "-q", "-m", "generated"], in: root, environment)
        let committed = ContinuousClock.now - gitStarted
        // Changes for the markers: modified, untracked, deleted.
        for leaf in leaves.prefix(40) {
            try Self.write(root + "/" + leaf + "/Untracked.ts", "export {};\n")
        }
        try Self.write(root + "/" + deep + "/file1.ts", "export const changed = true;\n")
        _ = unlink(root + "/" + deep + "/file2.ts")
        writeStandardOutput(
            "generated \(written) files (+500 ignored) in \(Self.format(generated)); git add+commit \(Self.format(committed))\n"
        )
        return deep
    }

    private mutating func content(name: String, ext: String, word: String, kind: String) -> String {
        let function = "\(word)\(kind)Handler"
        let todo = self.random.next(100) == 0 ? "  // TODO: handle the empty \(word)\n" : ""
        switch ext {
        case ".py":
            return "def \(function)(request):\n    \"\"\"Handle \(word).\"\"\"\n\(todo.replacing("//", with: "#"))    return request\n"
        case ".swift":
            return "struct \(kind)\(word.count) {\n    func \(function)() -> Int {\n\(todo)        return \(word.count)\n    }\n}\n"
        case ".json":
            return "{\n  \"name\": \"\(name)\",\n  \"version\": \"1.0.\(word.count)\"\n}\n"
        case ".md":
            return "# \(name)\n\nNotes about \(word) and \(kind).\n"
        default:
            return "import { api } from \"../api\";\n\nexport function \(function)(input) {\n\(todo)  const result = api.\(word)(input);\n  return result;\n}\n"
        }
    }

    // MARK: - Measurement

    /// Measures every phase on `root` and prints the numbers and ratios.
    func measure(root: String, deepDirectory: String?) throws {
        let options = Workspace.Options(globalExcludes: .none, gitEnvironment: Self.gitEnvironment())
        writeStandardOutput("load average \(Self.loadAverage()); \(ContentSearch.workerCount) search threads\n")
        // First frame: open, list the root, read the status, build the rows.
        var workspace = try Workspace(root: root, options: options)
        let openTime = try Self.median(5) { () throws in workspace = try Workspace(root: root, options: options) }
        let listTime = try Self.median(5) { _ = try workspace.listDirectory("") }
        var status = GitStatusSnapshot.empty
        let statusTime = Self.median(3) { status = workspace.gitStatus() }
        var tree = FileTree()
        let frameTime = try Self.median(3) {
            let fresh = try Workspace(root: root, options: options)
            var rows = FileTree()
            rows.apply(try fresh.listDirectory(""))
            rows.apply(fresh.gitStatus())
            tree = rows
        }
        writeStandardOutput("\n== first tree frame (\(tree.rows.count) rows, \(status.changeCount) changed paths)\n")
        writeStandardOutput("open workspace        \(Self.format(openTime))\n")
        writeStandardOutput("root listing          \(Self.format(listTime))\n")
        writeStandardOutput("git status            \(Self.format(statusTime))\n")
        writeStandardOutput("first frame (serial)  \(Self.format(frameTime))   open + listing + status + rows\n")
        writeStandardOutput("rows before markers   \(Self.format(openTime + listTime))   open + listing (status arrives later)\n")

        // Expanding a deep directory: every level listed in turn, as the UI would.
        var expandTime: Duration = .zero
        if let deepDirectory {
            expandTime = try Self.median(3) {
                let fresh = try Workspace(root: root, options: options)
                var rows = FileTree()
                rows.apply(try fresh.listDirectory(""))
                for directory in rows.reveal(deepDirectory + "/file0.ts") { rows.apply(try fresh.listDirectory(directory)) }
            }
            let levels = RelativePath.depth(deepDirectory)
            writeStandardOutput("expand deep directory \(Self.format(expandTime))   \(levels) levels, 200 files at the bottom\n")
        }

        // Every path, for the fuzzy finder.
        var paths: [String] = []
        let (walkTime, walkCPU) = Self.timeWithCPU {
            paths = workspace.allFiles()
        }
        var index = FuzzyIndex()
        let indexTime = Self.time { index = FuzzyIndex(paths: paths) }
        writeStandardOutput("\n== all paths\n")
        writeStandardOutput("walk (ignore rules)   \(Self.format(walkTime))   \(paths.count) files, cpu \(Self.format(walkCPU))\n")
        writeStandardOutput("fuzzy index build     \(Self.format(indexTime))\n")

        writeStandardOutput("\n== fuzzy find over \(index.count) paths (median of 5, top 100 with positions)\n")
        var queryTimes: [Duration] = []
        for query in ["a", "btn", "ordctl", "pkg3cart", "UserService", "index.ts", "zzqx"] {
            var results = index.search(query)
            let elapsed = Self.median(5) { results = index.search(query) }
            let cpu = Self.timeWithCPU { _ = index.search(query) }.cpu
            queryTimes.append(elapsed)
            let best = results.matches.first?.path ?? "-"
            writeStandardOutput("  \(Self.pad("'\(query)'", 14)) \(Self.format(elapsed))   cpu \(Self.format(cpu))   \(results.totalMatches) matches, best \(best)\n")
        }
        var typed: FuzzyIndex.Results? = nil
        var keystrokes: [Duration] = []
        for length in 1...8 {
            let prefix = String("usrctlhd".prefix(length))
            let elapsed = Self.time { typed = index.search(prefix, narrowing: typed) }
            keystrokes.append(elapsed)
        }
        let keystroke = keystrokes.reduce(Duration.zero, +) / keystrokes.count
        writeStandardOutput("  typing 'usrctlhd'   \(Self.format(keystroke)) per keystroke (narrowing)\n")

        writeStandardOutput("\n== content search over \(paths.count) files (better of 2 runs)\n")
        var searchTimes: [Duration] = []
        let queries: [(String, SearchQuery)] = [
            ("literal TODO", SearchQuery("TODO", maximumResults: 100_000)),
            ("literal 'handler' (ci)", SearchQuery("handler", maximumResults: 100_000)),
            ("regex function\\s+\\w+Handler", SearchQuery(#"function\s+\w+Handler"#, mode: .regex, maximumResults: 100_000)),
            ("regex \\d{3,}", SearchQuery(#"\d{3,}"#, mode: .regex, maximumResults: 100_000)),
        ]
        var bytesSearched = 0
        for (label, query) in queries {
            let search = try ContentSearch(query)
            var summary = SearchSummary()
            // The better of two runs: the machine is shared, and the first run may warm caches.
            let first = Self.timeWithCPU { summary = search.run(in: workspace) { _ in } }
            let second = Self.timeWithCPU { summary = search.run(in: workspace) { _ in } }
            let (elapsed, cpu) = first.wall < second.wall ? first : second
            searchTimes.append(elapsed)
            writeStandardOutput(
                "  \(Self.pad(label, 30)) \(Self.format(elapsed))   cpu \(Self.format(cpu))   \(summary.matchingLines) lines in \(summary.filesWithMatches) files\n"
            )
        }
        let firstResults = try Self.time {
            let search = try ContentSearch(SearchQuery("handler", maximumResults: 50))
            _ = search.run(in: workspace) { _ in }
        }
        writeStandardOutput("  \(Self.pad("first 50 results of handler", 30)) \(Self.format(firstResults))   (bounded search)\n")
        for path in paths.prefix(2000) { bytesSearched += workspace.fileInfo(path)?.size ?? 0 }
        let averageBytes = paths.isEmpty ? 0 : Double(bytesSearched) / Double(min(paths.count, 2000))

        writeStandardOutput("\n== ratios\n")
        writeStandardOutput("full walk / root listing         \(Self.ratio(Self.seconds(walkTime), Self.seconds(listTime)))   (what lazy loading saves at open)\n")
        writeStandardOutput("git status / root listing        \(Self.ratio(Self.seconds(statusTime), Self.seconds(listTime)))   (rows draw first, markers follow)\n")
        if deepDirectory != nil {
            writeStandardOutput("deep expand / full walk          \(Self.ratio(Self.seconds(expandTime), Self.seconds(walkTime)))\n")
        }
        let worstQuery = queryTimes.max() ?? .zero
        writeStandardOutput("slowest fuzzy query / 16.7 ms    \(Self.ratio(Self.seconds(worstQuery), 1.0 / 60))   (one 60 Hz frame)\n")
        writeStandardOutput("keystroke (narrowed) / cold      \(Self.ratio(Self.seconds(keystroke), Self.seconds(queryTimes.reduce(.zero, +) / queryTimes.count)))\n")
        let literal = Self.seconds(searchTimes[0])
        let totalMB = averageBytes * Double(paths.count) / 1_000_000
        writeStandardOutput("literal search throughput        \(Self.decimal(totalMB / literal)) MB/s (\(Self.decimal(totalMB)) MB)\n")
        writeStandardOutput("regex / literal search           \(Self.ratio(Self.seconds(searchTimes[2]), literal))\n")
    }

    // MARK: - Helpers

    static func write(_ path: String, _ text: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemError("cannot create \(path)") }
        defer { close(descriptor) }
        var text = text
        try text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw SystemError("cannot write \(path)") }
                offset += written
            }
        }
    }

    static func gitEnvironment() -> [String: String] {
        var environment = ProcessEnvironment.current
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_AUTHOR_NAME"] = "seam-bench"
        environment["GIT_AUTHOR_EMAIL"] = "bench@example.invalid"
        environment["GIT_COMMITTER_NAME"] = "seam-bench"
        environment["GIT_COMMITTER_EMAIL"] = "bench@example.invalid"
        return environment
    }

    static func git(_ arguments: [String], in directory: String, _ environment: [String: String]) throws {
        let result = try Subprocess.run("git", arguments, directory: directory, environment: environment)
        guard result.succeeded else {
            throw SystemError("git \(arguments.joined(separator: " ")) failed: \(result.errorOutput)", code: 0)
        }
    }

    static func time(_ body: () throws -> Void) rethrows -> Duration {
        let start = ContinuousClock.now
        try body()
        return ContinuousClock.now - start
    }

    /// Wall time and process CPU time (user + system, all threads) of `body`.
    static func timeWithCPU(_ body: () throws -> Void) rethrows -> (wall: Duration, cpu: Duration) {
        let cpuStart = self.processCPU()
        let wall = try self.time(body)
        return (wall, self.processCPU() - cpuStart)
    }

    static func processCPU() -> Duration {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        let micros = Int64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000
            + Int64(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
        return .microseconds(micros)
    }

    static func loadAverage() -> String {
        guard let bytes = try? RawFile.read("/proc/loadavg", limit: 256).bytes else { return "unknown" }
        return String(decoding: bytes, as: UTF8.self).split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Duration {
        var times: [Duration] = []
        for _ in 0..<runs { times.append(try self.time(body)) }
        return times.sorted()[runs / 2]
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    static func format(_ duration: Duration) -> String {
        let milliseconds = self.seconds(duration) * 1000
        let text = milliseconds >= 100 ? String(Int(milliseconds.rounded())) : Self.decimal(milliseconds)
        return self.pad(text + " ms", 10, right: true)
    }

    static func ratio(_ value: Double, _ reference: Double) -> String {
        reference > 0 ? Self.decimal(value / reference) + "×" : "-"
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    /// `value` with two decimals.
    static func decimal(_ value: Double) -> String {
        let scaled = Int((value * 100).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        return "\(sign)\(magnitude / 100).\(magnitude % 100 < 10 ? "0" : "")\(magnitude % 100)"
    }

    /// A small deterministic generator so generated trees are the same in every run.
    struct Random {
        private var state: UInt64

        init(seed: UInt64) { self.state = seed }

        /// A number in `0..<bound`.
        mutating func next(_ bound: Int) -> Int {
            self.state = self.state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((self.state >> 33) % UInt64(bound))
        }
    }
}

