import Basics
import Changes
import Diffing

#if canImport(Glibc)
    import Glibc
#endif

/// `seam-bench diff`: line-diff speed on a generated 100k-line pair, and the apply rate of the
/// tolerance ladder on real-world patches (git history, or tag-to-tag diffs when a repository
/// has no history), as is and with drift added to the files.
let diffBenchmark = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam-bench diff",
        abstract: "diff time on a 100k-line pair; apply rate on real patches",
        usage: "[--lines N] [--repos GIT_DIR,…] [--commits N] [--skip-diff] [--skip-apply]",
        options: [
            .init("lines", value: "N", help: "lines in the generated file pair (default 100000)"),
            .init(
                "repos", value: "GIT_DIR,…",
                help: "repositories to replay (default: every /opt/swift-packages/*/*.git with 2+ revisions)"),
            .init("commits", value: "N", help: "newest non-merge commits to replay per repository (default 200)"),
            .init("skip-diff", help: "only the apply benchmark"),
            .init("skip-apply", help: "only the diff benchmark"),
            .init("dump", value: "DIR", help: "write the input, expected and actual file of every mismatch to DIR"),
        ],
        discussion: """
            Patches come from `git log` (each commit against its parent); a repository with fewer than two commits
            contributes the diffs between consecutive version tags instead. Every modified text file of every patch
            is applied to its parent blob with the tolerance ladder and checked byte for byte against the child blob,
            then again after adding drift to the parent: lines inserted at the top, marker lines between hunks,
            trailing whitespace, re-indentation, typographic punctuation.
            """
    )
) { arguments in
    if !arguments.flag("skip-diff") {
        let lines = try arguments.integer("lines", default: 100_000, in: 100...10_000_000) ?? 100_000
        runDiffBenchmark(lines: lines)
    }
    if !arguments.flag("skip-apply") {
        let commits = try arguments.integer("commits", default: 200, in: 1...100_000) ?? 200
        let repositories =
            arguments.value("repos").map { $0.split(separator: ",").map(String.init) } ?? defaultRepositories()
        try runApplyBenchmark(repositories: repositories, commits: commits, dump: arguments.value("dump"))
    }
    return 0
}

// MARK: - Diff speed

/// Times diffing a generated source file against an edited copy with each algorithm.
private func runDiffBenchmark(lines: Int) {
    var generator = SplitMix64(seed: 2024 &+ 0x9E37_79B9_7F4A_7C15)
    let old = generateSource(lines: lines, using: &generator)
    let (new, edits) = editSource(old, using: &generator)
    let oldBytes = Array(old.joined().utf8)
    let newBytes = Array(new.joined().utf8)
    print(
        "diff (thread CPU time): generated pair of \(old.count) and \(new.count) lines (\(oldBytes.count / 1024) KiB), \(edits)"
    )
    // Thread CPU time: the build machine is shared, and wall time would count other processes.
    let clock = CPUClock.self
    var oldText = TextLines([])
    var newText = TextLines([])
    var oldIDs: [Int32] = []
    var newIDs: [Int32] = []
    let split = clock.measure {
        oldText = TextLines(oldBytes)
        newText = TextLines(newBytes)
    }
    let intern = clock.measure {
        var interner = LineInterner()
        oldIDs = interner.intern(oldText)
        newIDs = interner.intern(newText)
    }
    print("  split into lines: \(milliseconds(split)) ms; intern: \(milliseconds(intern)) ms")
    for algorithm in DiffAlgorithm.allCases {
        var marks: (old: [Bool], new: [Bool]) = ([], [])
        let core = clock.measure { marks = algorithm.changeMarks(old: oldIDs, new: newIDs) }
        var ops: [DiffOp] = []
        let compaction = clock.measure {
            ops = [DiffOp](oldChanged: marks.old, newChanged: marks.new).compacted(
                old: oldIDs, new: newIDs, oldShapes: LineShape.shapes(of: oldText),
                newShapes: LineShape.shapes(of: newText))
        }
        let removed = marks.old.count { $0 }
        let added = marks.new.count { $0 }
        let valid = rebuilds(ops, old: oldIDs, new: newIDs)
        print(
            "  \(algorithm.rawValue.padding(10)) \(milliseconds(core).padding(8, left: true)) ms  "
                + "(\(rate(Double(old.count + new.count), core)) lines/s), compaction \(milliseconds(compaction)) ms, "
                + "-\(removed) +\(added) lines, \(ops.count { $0.isChange }) change groups, script valid: \(valid)")
    }
    var diff: TextDiff?
    let total = clock.measure { diff = TextDiff(old: oldText, new: newText) }
    guard let diff else { return }
    var formatted: [UInt8] = []
    var hunkCount = 0
    let format = clock.measure {
        let file = diff.fileDiff(oldPath: "generated.swift", newPath: "generated.swift")
        hunkCount = file.hunks.count
        formatted = file.formatted
    }
    var parsedBack = false
    let parse = clock.measure {
        parsedBack = (try? UnifiedDiffParser.parse(formatted))?.formatted() == formatted
    }
    var words = 0
    let refine = clock.measure {
        for op in diff.ops where op.kind == .replace {
            let ranges = WordDiff.refine(old: op.oldRange.map { oldText[$0] }, new: op.newRange.map { newText[$0] })
            words += ranges.old.reduce(0) { $0 + $1.count } + ranges.new.reduce(0) { $0 + $1.count }
        }
    }
    print(
        "  end to end (split, intern, Myers, compaction): \(milliseconds(total)) ms; \(hunkCount) hunks formatted in "
            + "\(milliseconds(format)) ms (\(formatted.count / 1024) KiB), parsed back in \(milliseconds(parse)) ms "
            + "(identical: \(parsedBack)); word refinement of every replaced block: \(milliseconds(refine)) ms")
    // The worst case: two unrelated files, where Myers' cost limit keeps time bounded.
    let unrelatedCount = min(lines, 20_000)
    var random = SplitMix64(seed: 7 &+ 0x9E37_79B9_7F4A_7C15)
    let a = (0..<unrelatedCount).map { _ in Int32.random(in: 0..<5_000, using: &random) }
    let b = (0..<unrelatedCount).map { _ in Int32.random(in: 0..<5_000, using: &random) }
    var unrelatedOps: [DiffOp] = []
    let worst = clock.measure { unrelatedOps = DiffAlgorithm.myers.ops(old: a, new: b) }
    print(
        "  worst case, \(unrelatedCount) vs \(unrelatedCount) unrelated lines: Myers \(milliseconds(worst)) ms "
            + "(cost-limited; script valid: \(rebuilds(unrelatedOps, old: a, new: b)))")
}

/// A Swift-like source file: functions with bodies, blank lines, braces, comments.
private func generateSource(lines: Int, using generator: inout SplitMix64) -> [String] {
    var result: [String] = []
    var function = 0
    while result.count < lines {
        if function % 25 == 0 { result.append("// MARK: - Section \(function / 25)\n\n") }
        result.append("/// Computes step \(function) of the pipeline.\n")
        result.append(
            "func step\(function)(_ input: Int, scale: Int = \(Int.random(in: 1...9, using: &generator))) -> Int {\n")
        let bodyLength = Int.random(in: 3...18, using: &generator)
        for line in 0..<bodyLength {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0:
                result.append(
                    "    if input > \(Int.random(in: 0...999, using: &generator)) {\n        return input * scale\n    }\n"
                )
            case 1: result.append("\n")
            case 2: result.append("    // adjust for case \(line)\n")
            default:
                result.append(
                    "    let value\(line) = input &+ \(Int.random(in: 0...99_999, using: &generator)) * scale\n")
            }
        }
        result.append("    return input\n}\n\n")
        function += 1
    }
    // Entries above may hold several lines; normalise to one line per element.
    return result.joined().split(separator: "\n", omittingEmptySubsequences: false).dropLast().prefix(lines).map {
        $0 + "\n"
    }
}

/// Realistic edits: changed lines, inserted and deleted blocks, moved functions, re-indentation.
private func editSource(_ lines: [String], using generator: inout SplitMix64) -> ([String], String) {
    var result = lines
    let count = lines.count
    let modifications = count / 300
    for _ in 0..<modifications {
        let index = Int.random(in: 0..<result.count, using: &generator)
        result[index] = result[index].replacingLast(" * scale", with: " * scale + 1")
    }
    let insertions = count / 1500
    for _ in 0..<insertions {
        let index = Int.random(in: 0..<result.count, using: &generator)
        let block = (0..<Int.random(in: 1...8, using: &generator)).map { "    log(\"inserted \($0)\")\n" }
        result.insert(contentsOf: block, at: index)
    }
    let deletions = count / 1500
    for _ in 0..<deletions {
        let index = Int.random(in: 0..<(result.count - 10), using: &generator)
        result.removeSubrange(index..<(index + Int.random(in: 1...8, using: &generator)))
    }
    let moves = max(1, count / 20_000)
    for _ in 0..<moves {
        let index = Int.random(in: 0..<(result.count - 30), using: &generator)
        let block = Array(result[index..<(index + 20)])
        result.removeSubrange(index..<(index + 20))
        result.insert(contentsOf: block, at: Int.random(in: 0..<result.count, using: &generator))
    }
    let reindents = max(1, count / 50_000)
    for _ in 0..<reindents {
        let index = Int.random(in: 0..<(result.count - 40), using: &generator)
        for line in index..<(index + 30) where result[line] != "\n" { result[line] = "    " + result[line] }
    }
    return (
        result,
        "edits: \(modifications) changed lines, \(insertions) inserted and \(deletions) deleted blocks, \(moves) moved and \(reindents) re-indented blocks"
    )
}

private func rebuilds(_ ops: [DiffOp], old: [Int32], new: [Int32]) -> Bool {
    var rebuilt: [Int32] = []
    rebuilt.reserveCapacity(new.count)
    var oldPosition = 0
    for op in ops {
        guard op.oldRange.lowerBound == oldPosition else { return false }
        if op.kind == .equal {
            rebuilt += op.oldRange.map { old[$0] }
        } else {
            rebuilt += op.newRange.map { new[$0] }
        }
        oldPosition = op.oldRange.upperBound
    }
    return oldPosition == old.count && rebuilt == new
}

// MARK: - Apply rate

/// A way of disturbing the file a patch is applied to, and how to compare the result.
private enum Drift: String, CaseIterable {
    case none = "as is"
    case shifted = "7 lines inserted at the top"
    case interleaved = "marker lines inserted between hunks"
    case trailingWhitespace = "trailing whitespace on every 3rd line"
    case reindented = "every line re-indented by 2 spaces"
    case typographic = "curly quotes and dashes in the file"
}

/// Outcome counts for one drift.
private struct Tally {
    var hunks = 0
    var exact = 0
    var offset = 0
    var fuzzy: [MatchRung: Int] = [:]
    var rejected = 0
    var files = 0
    var correctFiles = 0
    var seconds = 0.0
    var rejections: [String] = []

    mutating func add(_ outcome: HunkOutcome) {
        self.hunks += 1
        switch outcome {
        case .applied(_, 0): self.exact += 1
        case .applied: self.offset += 1
        case .appliedFuzzy(_, _, let rung): self.fuzzy[rung, default: 0] += 1
        case .rejected: self.rejected += 1
        }
    }
}

/// One patch: a revision against its parent.
private struct PatchPair {
    var repository: String
    var parent: String
    var child: String
    var label: String
}

private func runApplyBenchmark(repositories: [String], commits: Int, dump: String?) throws {
    var pairs: [PatchPair] = []
    var seenHeads: Set<String> = []
    for repository in repositories {
        guard let head = gitText(repository, ["rev-parse", "--verify", "--quiet", "HEAD"]),
            seenHeads.insert(head).inserted
        else {
            continue
        }
        pairs += patchPairs(repository, commits: commits)
    }
    let sources = Set(pairs.map(\.repository)).count
    print(
        "\napply: \(pairs.count) patches from \(sources) repositories (\(pairs.filter { $0.label.contains("..") }.count) of them tag-to-tag, the rest commits against their parents)"
    )
    var tallies: [Drift: Tally] = [:]
    var filesSeen = 0
    for pair in pairs {
        guard
            let diff = gitBytes(
                pair.repository,
                [
                    "diff", "-M", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", pair.parent,
                    pair.child,
                ])
        else { continue }
        let proposal = EditParser.parse(diff)
        let edits = proposal.edits.filter { $0.action == .modify && $0.binaryDescription == nil && !$0.hunks.isEmpty }
        var requests: [String] = []
        for edit in edits {
            requests.append("\(pair.parent):\(edit.renamedFrom ?? edit.path)")
            requests.append("\(pair.child):\(edit.path)")
        }
        let blobs = catFileBatch(pair.repository, requests)
        for (index, edit) in edits.enumerated() {
            guard let old = blobs[2 * index], let new = blobs[2 * index + 1] else { continue }
            guard ByteDocument(decoding: old) != nil else { continue }
            filesSeen += 1
            for drift in Drift.allCases {
                guard let (input, expected) = disturb(old, new, edit: edit, drift: drift, seed: UInt64(filesSeen))
                else {
                    continue
                }
                let start = CPUClock.now()
                let file = ChangesetBuilder.resolve(path: edit.path, current: (input, 0o644), edits: [edit])
                var review = ChangeReview(Changeset(title: pair.label, files: [file]))
                review.decideAll(.accepted)
                let content = review.resolved(file: 0)?.content ?? input
                var tally = tallies[drift] ?? Tally()
                tally.seconds += CPUClock.now() - start
                for report in file.hunks {
                    tally.add(report.outcome)
                    if case .rejected(let why) = report.outcome, tally.rejections.count < 3 {
                        tally.rejections.append("\(pair.label) \(edit.path) hunk \(report.number): \(why)")
                    }
                }
                tally.files += 1
                if same(content, expected, drift: drift) {
                    tally.correctFiles += 1
                } else if let dump {
                    let base = "\(dump)/\(tally.files)-\(drift)-" + edit.path.map { $0 == "/" ? "_" : $0 }
                    try? PosixFile.writeAtomically(base + ".input", input, mode: 0o644)
                    try? PosixFile.writeAtomically(base + ".expected", expected, mode: 0o644)
                    try? PosixFile.writeAtomically(base + ".actual", content, mode: 0o644)
                    var patch: [UInt8] = []
                    for hunk in edit.hunks {
                        for line in hunk.lines {
                            patch +=
                                [line.kind.marker] + line.text
                                + (line.hasNewline ? [0x0A] : Array("\n\\ No newline at end of file\n".utf8))
                        }
                        patch += Array("@@\n".utf8)
                    }
                    try? PosixFile.writeAtomically(base + ".hunks", patch, mode: 0o644)
                }
                tallies[drift] = tally
            }
        }
    }
    for drift in Drift.allCases {
        guard let tally = tallies[drift], tally.hunks > 0 else { continue }
        print("  \(drift.rawValue):")
        printTally(tally)
    }
    try runCrossVersion(repositories: repositories)
}

private func printTally(_ tally: Tally, correct: (count: Int, of: Int, label: String)? = nil) {
    let correct = correct ?? (tally.correctFiles, tally.files, "files reproduced byte for byte")
        let fuzzy = MatchRung.allCases.compactMap { rung in tally.fuzzy[rung].map { "\(rung.label) \($0)" } }.joined(
            separator: ", ")
        let fuzzyTotal = tally.fuzzy.values.reduce(0, +)
        print(
            "    \(tally.hunks) hunks in \(tally.files) files: exact \(tally.exact) (\(percent(tally.exact, tally.hunks))), "
                + "offset \(tally.offset) (\(percent(tally.offset, tally.hunks))), fuzzy \(fuzzyTotal) (\(percent(fuzzyTotal, tally.hunks)))"
                + (fuzzy.isEmpty ? "" : " [\(fuzzy)]")
                + ", not applied \(tally.rejected) (\(percent(tally.rejected, tally.hunks)))"
                + "\n    \(correct.label): \(correct.count)/\(correct.of) (\(percent(correct.count, correct.of))); "
                + "\(rate(Double(tally.hunks), tally.seconds)) hunks/s")
        for rejection in tally.rejections { print("    e.g. \(rejection)") }
}

/// A cherry-pick across releases: the diff from version B to C applied to version A of each
/// file, for repositories with three or more version tags. Where `git merge-file` (a three-way
/// merge of A, B and C) merges a file cleanly, its result is the reference.
private func runCrossVersion(repositories: [String]) throws {
    var template = Array("/tmp/seam-bench-XXXXXX".utf8CString)
    guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return }  // safe: non-empty buffer
    let scratch = String(cString: created)
    defer { try? PosixFile.removeTree(scratch) }
    var tally = Tally()
    var clean = 0
    var agreeing = 0
    var seenHeads: Set<String> = []
    var triples: [String] = []
    for repository in repositories {
        guard let head = gitText(repository, ["rev-parse", "--verify", "--quiet", "HEAD"]), seenHeads.insert(head).inserted
        else { continue }
        let tags = (gitText(repository, ["tag", "--sort=version:refname"]) ?? "").split(separator: "\n").map(String.init)
        guard tags.count >= 3 else { continue }
        for index in 0..<(tags.count - 2) {
            let (a, b, c) = (tags[index], tags[index + 1], tags[index + 2])
            triples.append("\(FileSystem.lastComponent(of: repository)) \(b)..\(c) onto \(a)")
            guard let diff = gitBytes(repository, [
                "diff", "-M", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", b, c,
            ]) else { continue }
            let edits = EditParser.parse(diff).edits.filter {
                $0.action == .modify && $0.binaryDescription == nil && !$0.hunks.isEmpty
            }
            var requests: [String] = []
            for edit in edits {
                let source = edit.renamedFrom ?? edit.path
                requests += ["\(a):\(source)", "\(b):\(source)", "\(c):\(edit.path)"]
            }
            let blobs = catFileBatch(repository, requests)
            for (offset, edit) in edits.enumerated() {
                guard let older = blobs[3 * offset], let base = blobs[3 * offset + 1], let newer = blobs[3 * offset + 2],
                    ByteDocument(decoding: older) != nil, older != base
                else { continue }
                let start = CPUClock.now()
                let file = ChangesetBuilder.resolve(path: edit.path, current: (older, 0o644), edits: [edit])
                var review = ChangeReview(Changeset(title: "cross-version", files: [file]))
                review.decideAll(.accepted)
                let ours = review.resolved(file: 0)?.content ?? older
                tally.seconds += CPUClock.now() - start
                tally.files += 1
                for report in file.hunks {
                    tally.add(report.outcome)
                    if case .rejected(let why) = report.outcome, tally.rejections.count < 3 {
                        tally.rejections.append("\(edit.path) hunk \(report.number): \(why)")
                    }
                }
                for (name, bytes) in [("ours", older), ("base", base), ("theirs", newer)] {
                    try PosixFile.writeAtomically(scratch + "/" + name, bytes, mode: 0o600)
                }
                let merge = try Subprocess.run(
                    "git", ["merge-file", "-p", scratch + "/ours", scratch + "/base", scratch + "/theirs"])
                if merge.status == 0 {
                    clean += 1
                    if merge.standardOutput == ours { agreeing += 1 }
                }
            }
        }
    }
    guard tally.files > 0 else { return }
    print("\ncross-version (a release's diff applied to the release before it: \(triples.joined(separator: ", "))):")
    printTally(tally, correct: (agreeing, clean, "equal to git merge-file's three-way merge, where it has no conflict"))
}

/// Commits against their parents, newest first; tag pairs when there is too little history.
private func patchPairs(_ repository: String, commits: Int) -> [PatchPair] {
    let name = FileSystem.lastComponent(of: repository)
    var pairs: [PatchPair] = []
    let log = gitText(repository, ["log", "--no-merges", "--format=%H %P", "-n", String(commits), "HEAD"]) ?? ""
    for line in log.split(separator: "\n") {
        let parts = line.split(separator: " ").map(String.init)
        guard parts.count >= 2 else { continue }
        pairs.append(
            PatchPair(repository: repository, parent: parts[1], child: parts[0], label: "\(name)@\(parts[0].prefix(8))")
        )
    }
    if pairs.count < 2 {
        let tags = (gitText(repository, ["tag", "--sort=version:refname"]) ?? "").split(separator: "\n").map(
            String.init)
        for (older, newer) in zip(tags, tags.dropFirst()) {
            pairs.append(
                PatchPair(repository: repository, parent: older, child: newer, label: "\(name) \(older)..\(newer)"))
        }
    }
    return pairs
}

/// The file to apply to and the content expected, after adding `drift`; nil when the drift
/// cannot be added to this file.
private func disturb(_ old: [UInt8], _ new: [UInt8], edit: FileEdit, drift: Drift, seed: UInt64) -> ([UInt8], [UInt8])?
{
    // An empty file gives a hunk no context to find its place (or indentation) by.
    if old.isEmpty && drift != .none { return nil }
    switch drift {
    case .none:
        return (old, new)
    case .shifted:
        let header = Array((1...7).map { "// seam-bench drift \($0)\n" }.joined().utf8)
        return (header + old, header + new)
    case .interleaved:
        var lines = splitLines(old)
        var busy = Set<Int>()
        for hunk in edit.hunks {
            let start = hunk.expectedLine ?? 0
            for line in (start - 1)...(start + hunk.oldLines.count + 1) { busy.insert(line) }
        }
        var generator = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
        let free = (0...lines.count).filter { !busy.contains($0) && !busy.contains($0 - 1) }
        guard !free.isEmpty else { return nil }
        for position in Set((0..<5).map { _ in free[Int.random(in: 0..<free.count, using: &generator)] }).sorted(by: >)
        {
            lines.insert(Array("// seam-bench marker \(position)\n".utf8), at: position)
        }
        return (lines.flatMap { $0 }, new)
    case .trailingWhitespace:
        let lines = splitLines(old).enumerated().map { index, line in
            index % 3 == 0 ? appendBeforeEnding(line, Array("  ".utf8)) : line
        }
        return (lines.flatMap { $0 }, new)
    case .reindented:
        return (reindent(old), reindent(new))
    case .typographic:
        var changed = false
        let lines = splitLines(old).enumerated().map { index, line -> [UInt8] in
            guard index % 2 == 0 else { return line }
            var text = String(decoding: line, as: UTF8.self)
            let before = text
            text = text.replacingFirst("\"", with: "“").replacingFirst("\"", with: "”").replacingFirst(
                " - ", with: " – "
            )
            .replacingFirst("'", with: "’")
            if text != before { changed = true }
            return Array(text.utf8)
        }
        return changed ? (lines.flatMap { $0 }, new) : nil
    }
}

/// Whether `result` is what the patch should give under `drift`.
private func same(_ result: [UInt8], _ expected: [UInt8], drift: Drift) -> Bool {
    switch drift {
    case .none, .shifted, .reindented:
        return result == expected
    case .interleaved:
        let marker = Array("// seam-bench marker ".utf8)
        return splitLines(result).filter { !$0.starts(with: marker) }.flatMap { $0 } == expected
    case .trailingWhitespace:
        return splitLines(result).map(trimmedEnd) == splitLines(expected).map(trimmedEnd)
    case .typographic:
        return splitLines(result).map { MatchRung.unicodePunctuation.normalize($0) }
            == splitLines(expected).map { MatchRung.unicodePunctuation.normalize($0) }
    }
}

// MARK: - Helpers

private func defaultRepositories() -> [String] {
    let base = "/opt/swift-packages"
    var result: [String] = []
    for owner in PosixFile.list(base) {
        for name in PosixFile.list(base + "/" + owner) where name.hasSuffix(".git") {
            result.append("\(base)/\(owner)/\(name)")
        }
    }
    return result
}

private func gitBytes(_ repository: String, _ arguments: [String], input: [UInt8] = []) -> [UInt8]? {
    guard let result = try? Subprocess.run("git", ["--git-dir=" + repository] + arguments, input: input),
        result.succeeded
    else {
        return nil
    }
    return result.standardOutput
}

private func gitText(_ repository: String, _ arguments: [String]) -> String? {
    gitBytes(repository, arguments).map { String(decoding: $0, as: UTF8.self).trimmingNewlines }
}

/// The blobs named by `requests` (`REV:PATH`), read with one `git cat-file --batch`.
private func catFileBatch(_ repository: String, _ requests: [String]) -> [[UInt8]?] {
    guard !requests.isEmpty,
        let output = gitBytes(
            repository, ["cat-file", "--batch"], input: Array(requests.map { $0 + "\n" }.joined().utf8))
    else { return requests.map { _ in nil } }
    var result: [[UInt8]?] = []
    var position = 0
    for _ in requests {
        guard let newline = output[position...].firstIndex(of: 0x0A) else { break }
        let header = String(decoding: output[position..<newline], as: UTF8.self).split(separator: " ")
        position = newline + 1
        guard header.count == 3, header[1] == "blob", let size = Int(header[2]), position + size <= output.count else {
            result.append(nil)
            continue
        }
        result.append(Array(output[position..<(position + size)]))
        position += size + 1
    }
    while result.count < requests.count { result.append(nil) }
    return result
}

private func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var start = 0
    for index in bytes.indices where bytes[index] == 0x0A {
        lines.append(Array(bytes[start...index]))
        start = index + 1
    }
    if start < bytes.count { lines.append(Array(bytes[start...])) }
    return lines
}

private func appendBeforeEnding(_ line: [UInt8], _ suffix: [UInt8]) -> [UInt8] {
    var content = line
    var ending: [UInt8] = []
    if content.last == 0x0A { ending.insert(content.removeLast(), at: 0) }
    if content.last == 0x0D { ending.insert(content.removeLast(), at: 0) }
    guard content.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return line }
    return content + suffix + ending
}

private func trimmedEnd(_ line: [UInt8]) -> [UInt8] {
    var content = line
    while let last = content.last, last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 { content.removeLast() }
    return content
}

private func reindent(_ bytes: [UInt8]) -> [UInt8] {
    splitLines(bytes).flatMap { line in
        line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) ? Array("  ".utf8) + line : line
    }
}

/// CPU time of the calling thread, so measurements on a busy machine count only our own work.
private struct CPUClock {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Runs `body` and returns its thread CPU time as a `Duration`.
    static func measure(_ body: () -> Void) -> Duration {
        let start = self.now()
        body()
        let elapsed = self.now() - start
        return .nanoseconds(Int64(elapsed * 1e9))
    }
}

private func milliseconds(_ duration: Duration) -> String {
    let value = seconds(duration) * 1000
    return value < 10 ? String(Double(Int(value * 100)) / 100) : String(Int(value.rounded()))
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

private func rate(_ count: Double, _ duration: Duration) -> String {
    rate(count, seconds(duration))
}

private func rate(_ count: Double, _ seconds: Double) -> String {
    guard seconds > 0 else { return "∞" }
    let value = count / seconds
    if value >= 1e6 { return String(Double(Int(value / 1e4)) / 100) + " M" }
    if value >= 1e3 { return String(Double(Int(value / 10)) / 100) + " k" }
    return String(Int(value))
}

private func percent(_ part: Int, _ whole: Int) -> String {
    guard whole > 0 else { return "0%" }
    return String(Double(Int(Double(part) / Double(whole) * 1000)) / 10) + "%"
}


extension String {
    fileprivate func padding(_ width: Int, left: Bool = false) -> String {
        let pad = String(repeating: " ", count: max(0, width - self.count))
        return left ? pad + self : self + pad
    }

    fileprivate var trimmingNewlines: String {
        var text = Substring(self)
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }

    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = self.firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }

    fileprivate func replacingLast(_ target: String, with replacement: String) -> String {
        guard let range = self.ranges(of: target).last else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
