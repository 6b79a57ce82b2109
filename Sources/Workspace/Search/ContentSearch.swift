import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Searches file contents across a workspace, literal or regex, respecting ignore rules and
/// skipping binary and oversized files; results stream out per file and the search stops when
/// cancelled or when `maximumResults` lines matched.
///
/// Literal patterns run on raw bytes (`ByteFinder`, ASCII case folding). Regexes run per line
/// with Swift `Regex`, but only on lines containing the regex's required literal when one can
/// be extracted (`RegexLiteral`). UTF-16 files with a byte-order mark are transcoded to UTF-8
/// first; columns and ranges are UTF-8 byte offsets.
package struct ContentSearch: Sendable {
    /// The query this search runs.
    package let query: SearchQuery
    private let finder: ByteFinder?
    private let regex: RegexBox?
    private let foldNeedle: Bool

    /// Prepares `query`; throws `.invalidPattern` for an empty pattern or a regex that does
    /// not compile (the message includes the compiler's reason).
    package init(_ query: SearchQuery) throws(WorkspaceError) {
        self.query = query
        guard !query.pattern.isEmpty else {
            throw WorkspaceError(.invalidPattern, "search pattern is empty")
        }
        let ignoresCase = query.ignoresCase
        switch query.mode {
        case .literal:
            let needle = Array(query.pattern.utf8)
            self.finder = ByteFinder(ignoresCase ? needle.map(FuzzyMatcher.foldASCII) : needle)
            self.foldNeedle = ignoresCase
            self.regex = nil
        case .regex:
            let source = query.wholeWord ? "\\b(?:\(query.pattern))\\b" : query.pattern
            do {
                var compiled = try Regex(source)
                if ignoresCase { compiled = compiled.ignoresCase() }
                self.regex = RegexBox(compiled, wholeFile: compiled.anchorsMatchLineEndings())
            } catch {
                throw WorkspaceError(.invalidPattern, "invalid regular expression '\(query.pattern)'", cause: error)
            }
            // A prefilter literal is only sound when its case folding matches the regex's.
            let hasASCIIOnlyLiteral = RegexLiteral.required(query.pattern).flatMap { literal in
                literal.allSatisfy { $0 < 0x80 } || !ignoresCase ? literal : nil
            }
            self.finder = hasASCIIOnlyLiteral.map { ByteFinder(ignoresCase ? $0.map(FuzzyMatcher.foldASCII) : $0) }
            self.foldNeedle = ignoresCase
        }
    }

    /// Walks `workspace` (or searches exactly `files`) and reports matches file by file.
    ///
    /// Blocking; run it off the UI loop. `onMatches` is called on the calling thread with each
    /// file's matching lines, in walk order.
    @discardableResult
    package func run(
        in workspace: Workspace,
        files: [String]? = nil,
        cancel: CancellationFlag? = nil,
        onMatches: ([SearchMatch]) -> Void
    ) -> SearchSummary {
        var summary = SearchSummary()
        let workers = Self.workerCount
        // Files are searched in chunks spread over the cores; results are delivered in walk
        // order, chunk by chunk, so a bounded search stops after at most one chunk of extra work.
        func visit(_ batch: [String]) -> Bool {
            var chunkStart = 0
            while chunkStart < batch.count {
                if cancel?.isCancelled == true {
                    summary.isCancelled = true
                    return false
                }
                let chunk = Array(batch[chunkStart..<min(batch.count, chunkStart + Self.chunkSize)])
                chunkStart += chunk.count
                let slots = FileResults(count: chunk.count)
                DispatchQueue.concurrentPerform(iterations: min(workers, chunk.count)) { worker in
                    var scratch = Scratch()
                    var index = worker
                    while index < chunk.count {
                        var local = SearchSummary()
                        let matches = self.searchFile(chunk[index], in: workspace, summary: &local, scratch: &scratch)
                        slots.store(index, matches, local)
                        index += workers
                    }
                    scratch.close()
                }
                for index in 0..<chunk.count {
                    if cancel?.isCancelled == true {
                        summary.isCancelled = true
                        return false
                    }
                    let (matches, local) = slots.load(index)
                    summary.filesSearched += local.filesSearched
                    summary.skippedBinaryFiles += local.skippedBinaryFiles
                    summary.skippedLargeFiles += local.skippedLargeFiles
                    summary.unreadableFiles += local.unreadableFiles
                    if matches.isEmpty { continue }
                    let room = self.query.maximumResults - summary.matchingLines
                    let reported = matches.count > room ? Array(matches.prefix(room)) : matches
                    if reported.count < matches.count { summary.isTruncated = true }
                    if !reported.isEmpty {
                        summary.matchingLines += reported.count
                        summary.filesWithMatches += 1
                        onMatches(reported)
                    }
                    if summary.matchingLines >= self.query.maximumResults {
                        summary.isTruncated = true
                        return false
                    }
                }
            }
            return true
        }
        if let files {
            _ = visit(files)
        } else {
            let stop = CancellationFlag()
            workspace.walkFiles(options: self.query.walk, cancel: stop) { batch in
                if !visit(batch) { stop.cancel() }
            }
        }
        if cancel?.isCancelled == true { summary.isCancelled = true }
        return summary
    }

    /// Files searched together before results are delivered.
    static let chunkSize = 128

    /// Threads searching at once: the online processors, at most 8.
    package static let workerCount: Int = max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))

    /// Every match in one file's bytes (exposed for tests and for searching an open buffer).
    package func search(bytes: [UInt8], path: String) -> [SearchMatch] {
        var scratch = Scratch()
        return self.search(bytes: bytes, path: path, scratch: &scratch)
    }

    // MARK: - Per file

    private struct Scratch {
        var folded: [UInt8] = []
        var file: [UInt8] = []
        /// The directory of the last file read and a descriptor for it (files of one directory
        /// come together in walk order).
        var directory: String?
        var directoryDescriptor: Int32 = -1

        mutating func descriptor(for directory: String, in workspace: Workspace) -> Int32 {
            if directory == self.directory { return self.directoryDescriptor }
            self.close()
            self.directory = directory
            self.directoryDescriptor = open(workspace.absolutePath(directory), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            return self.directoryDescriptor
        }

        mutating func close() {
            if self.directoryDescriptor >= 0 { _ = Glibc.close(self.directoryDescriptor) }
            self.directoryDescriptor = -1
            self.directory = nil
        }
    }

    private func searchFile(_ path: String, in workspace: Workspace, summary: inout SearchSummary, scratch: inout Scratch) -> [SearchMatch] {
        var tooLarge = false
        let directory = scratch.descriptor(for: RelativePath.parent(path), in: workspace)
        let count =
            directory >= 0
            ? RawFile.read(RelativePath.name(path), relativeTo: directory, into: &scratch.file, limit: self.query.maximumFileBytes, tooLarge: &tooLarge)
            : RawFile.read(workspace.absolutePath(path), into: &scratch.file, limit: self.query.maximumFileBytes, tooLarge: &tooLarge)
        guard let count else {
            if tooLarge { summary.skippedLargeFiles += 1 } else { summary.unreadableFiles += 1 }
            return []
        }
        let bytes = Array(scratch.file[0..<count])
        summary.filesSearched += 1
        var content = bytes
        let encoding = TextEncoding.detect(bytes)
        switch encoding {
        case .utf16LittleEndian, .utf16BigEndian:
            content = Array(FileContents(path: path, bytes: bytes).text.utf8)
        case .utf8WithBOM:
            content.removeFirst(3)
        case .utf8:
            if FileContents.looksBinary(content) {
                summary.skippedBinaryFiles += 1
                summary.filesSearched -= 1
                return []
            }
        }
        return self.search(bytes: content, path: path, scratch: &scratch)
    }

    private func search(bytes: [UInt8], path: String, scratch: inout Scratch) -> [SearchMatch] {
        if self.foldNeedle && self.finder != nil {
            scratch.folded.removeAll(keepingCapacity: true)
            scratch.folded.reserveCapacity(bytes.count)
            for byte in bytes { scratch.folded.append(FuzzyMatcher.foldASCII(byte)) }
        }
        let haystack = self.foldNeedle && self.finder != nil ? scratch.folded : bytes
        return bytes.withUnsafeBufferPointer { original in
            haystack.withUnsafeBufferPointer { searched in
                self.query.mode == .literal
                    ? self.literalMatches(original, searched, path: path)
                    : self.regexMatches(original, searched, path: path)
            }
        }
    }

    private func literalMatches(_ original: UnsafeBufferPointer<UInt8>, _ searched: UnsafeBufferPointer<UInt8>, path: String) -> [SearchMatch] {
        guard let finder = self.finder else { return [] }
        var results: [SearchMatch] = []
        var lines = LineLocator(original)
        var position = 0
        var currentLine: (start: Int, end: Int, number: Int)? = nil
        var ranges: [Range<Int>] = []
        while let hit = finder.firstIndex(in: searched, from: position) {
            let range = hit..<(hit + finder.needle.count)
            position = hit + max(1, finder.needle.count)
            if self.query.wholeWord && !Self.isWordBounded(original, range) { continue }
            let line = lines.line(containing: hit)
            if let current = currentLine, current.start != line.start {
                results.append(self.makeMatch(original, path: path, line: current, ranges: ranges))
                ranges.removeAll()
                if results.count >= self.query.maximumMatchesPerFile { return results }
            }
            currentLine = line
            ranges.append(range)
        }
        if let current = currentLine {
            results.append(self.makeMatch(original, path: path, line: current, ranges: ranges))
        }
        return results
    }

    private func regexMatches(_ original: UnsafeBufferPointer<UInt8>, _ searched: UnsafeBufferPointer<UInt8>, path: String) -> [SearchMatch] {
        guard let regex = self.regex?.regex else { return [] }
        var results: [SearchMatch] = []
        var lines = LineLocator(original)
        func examine(_ line: (start: Int, end: Int, number: Int)) -> Bool {
            var end = line.end
            if end > line.start && original[end - 1] == 0x0D { end -= 1 }
            let slice = UnsafeBufferPointer(rebasing: original[line.start..<end])
            let text = String(decoding: slice, as: UTF8.self)
            var ranges: [Range<Int>] = []
            let isValid = String(validating: slice, as: UTF8.self) != nil
            for match in text.ranges(of: regex) where !match.isEmpty {
                let lower = text.utf8.distance(from: text.startIndex, to: match.lowerBound)
                let upper = text.utf8.distance(from: text.startIndex, to: match.upperBound)
                if isValid {
                    ranges.append((line.start + lower)..<(line.start + upper))
                } else {
                    // Replacement characters shifted offsets: map back through the original bytes.
                    ranges.append((line.start + Self.byteOffset(lower, in: slice))..<(line.start + Self.byteOffset(upper, in: slice)))
                }
            }
            if ranges.isEmpty { return true }
            results.append(self.makeMatch(original, path: path, line: line, ranges: ranges))
            return results.count < self.query.maximumMatchesPerFile
        }
        if let finder = self.finder {
            var position = 0
            var lastLine = -1
            while let hit = finder.firstIndex(in: searched, from: position) {
                let line = lines.line(containing: hit)
                position = line.end + 1
                if line.start == lastLine { continue }
                lastLine = line.start
                if !examine(line) { break }
            }
        } else if let text = String(validating: original, as: UTF8.self) {
            // No literal to look for: one pass over the whole file, anchors at line ends, then
            // the matches grouped by line (a match running past its line is cut at the line end).
            var current: (start: Int, end: Int, number: Int)? = nil
            var ranges: [Range<Int>] = []
            guard let wholeFile = self.regex?.wholeFile else { return results }
            for match in text.ranges(of: wholeFile) where !match.isEmpty {
                let lower = text.utf8.distance(from: text.startIndex, to: match.lowerBound)
                let upper = text.utf8.distance(from: text.startIndex, to: match.upperBound)
                let line = lines.line(containing: lower)
                if let open = current, open.start != line.start {
                    results.append(self.makeMatch(original, path: path, line: open, ranges: ranges))
                    ranges.removeAll()
                    if results.count >= self.query.maximumMatchesPerFile { return results }
                }
                current = line
                ranges.append(lower..<min(upper, line.end))
            }
            if let open = current { results.append(self.makeMatch(original, path: path, line: open, ranges: ranges)) }
        } else {
            var start = 0
            while start < original.count {
                let line = lines.line(containing: start)
                if !examine(line) { break }
                start = line.end + 1
            }
        }
        return results
    }

    /// The original byte offset reached after `decodedOffset` bytes of the decoded (replaced) text.
    private static func byteOffset(_ decodedOffset: Int, in slice: UnsafeBufferPointer<UInt8>) -> Int {
        var low = 0
        var high = slice.count
        // The decoded length of a prefix grows monotonically with the prefix; binary search it.
        while low < high {
            let middle = (low + high) / 2
            let decoded = String(decoding: UnsafeBufferPointer(rebasing: slice[0..<middle]), as: UTF8.self).utf8.count
            if decoded < decodedOffset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func makeMatch(_ bytes: UnsafeBufferPointer<UInt8>, path: String, line: (start: Int, end: Int, number: Int), ranges: [Range<Int>]) -> SearchMatch {
        var end = line.end
        if end > line.start && bytes[end - 1] == 0x0D { end -= 1 }
        let lineLength = end - line.start
        var windowStart = 0
        var windowEnd = lineLength
        let limit = self.query.maximumLineBytes
        let firstColumn = (ranges.first?.lowerBound ?? line.start) - line.start
        if lineLength > limit {
            windowStart = max(0, firstColumn - limit / 4)
            while windowStart > 0 && bytes[line.start + windowStart] & 0xC0 == 0x80 { windowStart -= 1 }
            windowEnd = min(lineLength, windowStart + limit)
            while windowEnd < lineLength && bytes[line.start + windowEnd] & 0xC0 == 0x80 { windowEnd += 1 }
        }
        let slice = UnsafeBufferPointer(rebasing: bytes[(line.start + windowStart)..<(line.start + windowEnd)])
        let valid = String(validating: slice, as: UTF8.self)
        let text = valid ?? String(decoding: slice, as: UTF8.self)
        var local: [Range<Int>] = []
        for range in ranges {
            let lower = max(range.lowerBound - line.start, windowStart) - windowStart
            let upper = min(range.upperBound - line.start, windowEnd) - windowStart
            guard lower < upper else { continue }
            if valid != nil {
                local.append(lower..<upper)
            } else {
                let mappedLower = String(decoding: UnsafeBufferPointer(rebasing: slice[0..<lower]), as: UTF8.self).utf8.count
                let mappedUpper = String(decoding: UnsafeBufferPointer(rebasing: slice[0..<upper]), as: UTF8.self).utf8.count
                local.append(mappedLower..<mappedUpper)
            }
        }
        return SearchMatch(path: path, line: line.number, column: firstColumn + 1, lineText: text, lineTextOffset: windowStart, ranges: local)
    }

    private static func isWordBounded(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        func isWord(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
        }
        if range.lowerBound > 0 && isWord(bytes[range.lowerBound - 1]) && isWord(bytes[range.lowerBound]) { return false }
        if range.upperBound < bytes.count && isWord(bytes[range.upperBound]) && isWord(bytes[range.upperBound - 1]) { return false }
        return true
    }
}

/// Finds line boundaries and numbers for ascending offsets, counting newlines incrementally.
private struct LineLocator {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Start of the line containing `scanned`, and its 1-based number.
    var lineStart = 0
    var lineNumber = 1
    var scanned = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The line containing `offset` (offsets must not decrease between calls): start, end
    /// (index of its `\n` or the buffer end) and number.
    mutating func line(containing offset: Int) -> (start: Int, end: Int, number: Int) {
        while self.scanned < offset {
            if self.bytes[self.scanned] == 0x0A {
                self.lineNumber += 1
                self.lineStart = self.scanned + 1
            }
            self.scanned += 1
        }
        var end = offset
        while end < self.bytes.count && self.bytes[end] != 0x0A { end += 1 }
        return (self.lineStart, end, self.lineNumber)
    }
}

/// Per-file results of one chunk, written by the worker threads, read after they finish.
private final class FileResults: @unchecked Sendable {
    // @unchecked: each slot is written by exactly one worker inside concurrentPerform and read
    // only after concurrentPerform returns, which orders the writes before the reads.
    private var slots: [([SearchMatch], SearchSummary)]

    init(count: Int) { self.slots = Array(repeating: ([], SearchSummary()), count: count) }

    func store(_ index: Int, _ matches: [SearchMatch], _ summary: SearchSummary) {
        self.slots.withUnsafeMutableBufferPointer { $0[index] = (matches, summary) }
    }

    func load(_ index: Int) -> ([SearchMatch], SearchSummary) { self.slots[index] }
}

/// A compiled regex shared between the threads that run one search.
private final class RegexBox: @unchecked Sendable {
    // @unchecked: the Regex value is immutable after init and only read.
    let regex: Regex<AnyRegexOutput>
    /// The same regex with `^` and `$` matching at line ends, for one pass over a whole file.
    let wholeFile: Regex<AnyRegexOutput>

    init(_ regex: Regex<AnyRegexOutput>, wholeFile: Regex<AnyRegexOutput>) {
        self.regex = regex
        self.wholeFile = wholeFile
    }
}
