/// A file read for viewing and editing: exact bytes plus decoded lines, with the encoding, line
/// endings and final newline detected so a write-back can reproduce them.
///
/// The bytes are kept verbatim. Lines that are not valid in the encoding decode with
/// replacement characters and are flagged (`hasInvalidBytes`, `FileContents.Line.isValid`);
/// `replacingLines(_:with:)` splices new text between untouched original bytes, so an edit
/// elsewhere never mangles them.
package struct FileContents: Sendable {
    /// What kind of content the file holds.
    package enum Content: Hashable, Sendable {
        /// Text, decoded into `lines`.
        case text
        /// A NUL byte in the first 8000 bytes (git's heuristic) without a UTF-16 byte-order
        /// mark: not decoded, `lines` is empty.
        case binary
    }

    /// Limits for reading.
    package struct Limits: Hashable, Sendable {
        /// Read at most this many bytes; larger files are truncated at a line boundary and
        /// flagged `isTruncated` (view only, never written back).
        package var maximumBytes: Int

        /// 8 MiB.
        package static let viewing = Limits(maximumBytes: 8 << 20)
        /// No cap.
        package static let unlimited = Limits(maximumBytes: Int.max)

        package init(maximumBytes: Int) { self.maximumBytes = maximumBytes }
    }

    /// The workspace-relative path.
    package var path: String
    /// The file's bytes as read (a prefix when `isTruncated`).
    package var bytes: [UInt8]
    /// The file's size on disk when read.
    package var sizeOnDisk: Int
    /// The modification time when read (nanoseconds since the epoch), to detect changes on disk.
    package var modified: Int64
    /// Text or binary.
    package var content: Content
    /// The encoding detected from the byte-order mark.
    package var encoding: TextEncoding
    /// Some bytes are not valid in `encoding`; they show as U+FFFD.
    package var hasInvalidBytes: Bool
    /// The line-ending convention (new lines get `lineEnding.preferred`).
    package var lineEnding: LineEnding
    /// The last line ends with a terminator.
    package var hasFinalNewline: Bool
    /// Only the first `Limits.maximumBytes` (cut back to a line end) were read.
    package var isTruncated: Bool
    /// The decoded lines; an empty file has none, a file ending in a newline has no empty
    /// last line.
    package var lines: [Line]

    /// True when the document can be written back byte-exactly (text, complete).
    package var canWriteBack: Bool { self.content == .text && !self.isTruncated }

    /// Decodes `bytes` (the content of `path`).
    ///
    /// - Parameters:
    ///   - truncated: the bytes are a prefix of a longer file; the partial last line is dropped.
    package init(path: String, bytes: [UInt8], sizeOnDisk: Int? = nil, modified: Int64 = 0, truncated: Bool = false) {
        self.path = path
        self.sizeOnDisk = sizeOnDisk ?? bytes.count
        self.modified = modified
        self.isTruncated = truncated
        self.encoding = TextEncoding.detect(bytes)
        var bytes = bytes
        if truncated {
            // Keep whole lines only (for UTF-16, whole code units up to the last LF unit).
            let unit = self.encoding.unitSize
            var end = bytes.count - bytes.count % unit
            while end >= unit {
                let index = end - unit
                let isNewline =
                    switch self.encoding {
                    case .utf8, .utf8WithBOM: bytes[index] == 0x0A
                    case .utf16LittleEndian: bytes[index] == 0x0A && bytes[index + 1] == 0
                    case .utf16BigEndian: bytes[index] == 0 && bytes[index + 1] == 0x0A
                    }
                if isNewline { break }
                end -= unit
            }
            bytes.removeSubrange(end...)
        }
        self.bytes = bytes
        self.lines = []
        self.hasInvalidBytes = false
        self.lineEnding = .none
        self.hasFinalNewline = false
        if self.encoding.unitSize == 1 && Self.looksBinary(bytes) {
            self.content = .binary
            return
        }
        self.content = .text
        switch self.encoding {
        case .utf8, .utf8WithBOM: self.decodeUTF8()
        case .utf16LittleEndian, .utf16BigEndian: self.decodeUTF16()
        }
    }

    /// True when the first 8000 bytes contain a NUL (the check git and grep use).
    package static func looksBinary(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.prefix(8000).contains(0)
    }

    /// The whole text with `\n` between lines (terminators normalised, for display or search).
    package var text: String {
        var result = ""
        for (index, line) in self.lines.enumerated() {
            result += line.text
            if index < self.lines.count - 1 || self.hasFinalNewline { result += "\n" }
        }
        return result
    }

    // MARK: - Write-back

    /// The file's new bytes after replacing `range` of lines with `newLines` (text without
    /// terminators), keeping every byte outside the range exactly as read.
    ///
    /// New lines get the terminator of the line they replace at the same position, else the
    /// file's preferred one; the result ends with a newline exactly when the original did (or,
    /// when appending after an unterminated last line, keeps that line unterminated).
    /// Returns nil when the document cannot be written back (binary or truncated).
    package func replacingLines(_ range: Range<Int>, with newLines: [String]) -> [UInt8]? {
        guard self.canWriteBack, range.lowerBound >= 0, range.upperBound <= self.lines.count else { return nil }
        let count = self.lines.count
        let unit = self.encoding.unitSize
        func endIncludingTerminator(_ line: Line) -> Int {
            line.byteRange.upperBound + (line.terminator == .crlf ? 2 : line.terminator == .lf ? 1 : 0) * unit
        }
        var prefixEnd = range.lowerBound < count ? self.lines[range.lowerBound].byteRange.lowerBound : self.bytes.count
        let suffixStart = range.isEmpty ? prefixEnd : endIncludingTerminator(self.lines[range.upperBound - 1])
        let lastLineUnterminated = count > 0 && !self.hasFinalNewline
        let appendsAtEnd = range.lowerBound == count
        // Deleting the unterminated last line(s): the new last line loses its terminator too.
        if newLines.isEmpty && range.upperBound == count && !range.isEmpty && range.lowerBound > 0 && lastLineUnterminated {
            prefixEnd = self.lines[range.lowerBound - 1].byteRange.upperBound
        }
        var result = Array(self.bytes[0..<prefixEnd])
        if appendsAtEnd && lastLineUnterminated && !newLines.isEmpty {
            result += self.encoding.encode(self.lineEnding.preferred.text)
        }
        let endsFile = range.upperBound == count
        for (offset, line) in newLines.enumerated() {
            result += self.encoding.encode(line)
            let isLast = offset == newLines.count - 1
            if isLast && endsFile && lastLineUnterminated { continue }
            let replaced = range.lowerBound + offset < range.upperBound ? self.lines[range.lowerBound + offset].terminator : nil
            result += self.encoding.encode((replaced ?? self.lineEnding.preferred).text)
        }
        result += self.bytes[suffixStart...]
        return result
    }

    /// The whole file encoded like this document (same encoding and byte-order mark, lines
    /// joined with the preferred terminator, final newline as in the original) from new lines.
    package func encoding(lines newLines: [String]) -> [UInt8] {
        var result = self.encoding.byteOrderMark
        let terminator = self.lineEnding.preferred.text
        for (index, line) in newLines.enumerated() {
            result += self.encoding.encode(line)
            if index < newLines.count - 1 || self.hasFinalNewline { result += self.encoding.encode(terminator) }
        }
        return result
    }

    // MARK: - Decoding

    private mutating func decodeUTF8() {
        let start = self.encoding.byteOrderMark.count
        var lf = 0
        var crlf = 0
        var lineStart = start
        var lines: [Line] = []
        var invalid = false
        self.bytes.withUnsafeBufferPointer { buffer in
            func addLine(_ contentEnd: Int, _ terminator: LineTerminator?) {
                let slice = UnsafeBufferPointer(rebasing: buffer[lineStart..<contentEnd])
                var isValid = true
                let text: String
                if let valid = String(validating: slice, as: UTF8.self) {
                    text = valid
                } else {
                    text = String(decoding: slice, as: UTF8.self)
                    isValid = false
                    invalid = true
                }
                lines.append(Line(text: text, byteRange: lineStart..<contentEnd, terminator: terminator, isValid: isValid))
            }
            var index = start
            while index < buffer.count {
                if buffer[index] == 0x0A {
                    if index > lineStart && buffer[index - 1] == 0x0D {
                        crlf += 1
                        addLine(index - 1, .crlf)
                    } else {
                        lf += 1
                        addLine(index, .lf)
                    }
                    lineStart = index + 1
                }
                index += 1
            }
            if lineStart < buffer.count { addLine(buffer.count, nil) }
        }
        self.finish(lines: lines, lf: lf, crlf: crlf, invalid: invalid)
    }

    private mutating func decodeUTF16() {
        let bigEndian = self.encoding == .utf16BigEndian
        let start = 2
        let unitCount = (self.bytes.count - start) / 2
        var units = [UInt16](repeating: 0, count: unitCount)
        for index in 0..<unitCount {
            let a = UInt16(self.bytes[start + 2 * index])
            let b = UInt16(self.bytes[start + 2 * index + 1])
            units[index] = bigEndian ? (a << 8 | b) : (b << 8 | a)
        }
        var invalid = (self.bytes.count - start) % 2 != 0
        var lf = 0
        var crlf = 0
        var lines: [Line] = []
        var lineStart = 0
        func addLine(_ contentEnd: Int, _ terminator: LineTerminator?) {
            let slice = units[lineStart..<contentEnd]
            var isValid = true
            let text: String
            if let valid = String(validating: slice, as: UTF16.self) {
                text = valid
            } else {
                text = String(decoding: slice, as: UTF16.self)
                isValid = false
                invalid = true
            }
            lines.append(
                Line(text: text, byteRange: (start + 2 * lineStart)..<(start + 2 * contentEnd), terminator: terminator, isValid: isValid)
            )
        }
        for index in 0..<unitCount where units[index] == 0x0A {
            if index > lineStart && units[index - 1] == 0x0D {
                crlf += 1
                addLine(index - 1, .crlf)
            } else {
                lf += 1
                addLine(index, .lf)
            }
            lineStart = index + 1
        }
        if lineStart < unitCount { addLine(unitCount, nil) }
        self.finish(lines: lines, lf: lf, crlf: crlf, invalid: invalid)
    }

    private mutating func finish(lines: [Line], lf: Int, crlf: Int, invalid: Bool) {
        self.lines = lines
        self.lineEnding = LineEnding.from(lf: lf, crlf: crlf)
        self.hasFinalNewline = lines.last?.terminator != nil
        self.hasInvalidBytes = invalid
    }
}
