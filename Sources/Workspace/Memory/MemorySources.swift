/// Finds and fits the project memory files (see `MemoryContext`).
package enum MemorySources {
    /// 32 KiB: room for a few instruction files without crowding a small context.
    package static let defaultByteCap = 32 * 1024
    /// A truncated file keeps at least this much, else it is omitted whole.
    static let minimumKeptBytes = 64

    /// The memory files from the workspace root down to `directory` (workspace-relative; a
    /// file path is taken as its directory), fitted into `byteCap` bytes.
    ///
    /// Unreadable files are skipped; invalid UTF-8 is shown with replacement characters.
    /// Throws `.outsideWorkspace` for paths that leave the workspace.
    package static func collect(in workspace: Workspace, directory: String, byteCap: Int = defaultByteCap) throws(WorkspaceError)
        -> MemoryContext
    {
        var directory = try RelativePath.normalize(directory)
        if let info = workspace.fileInfo(directory), info.kind != .directory { directory = RelativePath.parent(directory) }
        var files: [(file: MemoryContext.File, text: String)] = []
        for level in RelativePath.ancestors(directory) + [directory] {
            for kind in [MemoryContext.File.Kind.agents, .claude] {
                let path = RelativePath.join(level, kind.rawValue)
                guard let info = workspace.fileInfo(path), info.kind == .file || info.kind == .symlink,
                    let document = try? workspace.readFile(path, limits: .unlimited), document.content == .text
                else { continue }
                let file = MemoryContext.File(path: path, kind: kind, size: document.sizeOnDisk, includedText: "", omittedBytes: 0)
                files.append((file, document.text))
                break
            }
            if directory.isEmpty { break }
        }
        return self.fit(files, byteCap: byteCap)
    }

    /// Renders `files` (least specific first, with their full texts) within `byteCap`.
    package static func fit(_ files: [(file: MemoryContext.File, text: String)], byteCap: Int) -> MemoryContext {
        var included = files.map { entry -> MemoryContext.File in
            var file = entry.file
            file.includedText = entry.text
            return file
        }
        func sectionBytes(_ file: MemoryContext.File) -> Int {
            var count = MemoryContext.header(for: file).utf8.count + file.includedText.utf8.count
            if !file.includedText.hasSuffix("\n") && !file.includedText.isEmpty { count += 1 }
            if file.omittedBytes > 0 {
                count += MemoryContext.marker(omitted: file.omittedBytes, of: file.size, path: file.path).utf8.count
            }
            return count
        }
        var total = included.reduce(0) { $0 + sectionBytes($1) }
        var index = 0
        while total > byteCap && index < included.count {
            var file = included[index]
            let fullBytes = files[index].text.utf8.count
            let before = sectionBytes(file)
            // Bytes of content that may stay: what is left after the excess and the marker.
            let excess = total - byteCap
            let markerEstimate = MemoryContext.marker(omitted: fullBytes, of: file.size, path: file.path).utf8.count + 1
            let keep = file.includedText.utf8.count - excess - markerEstimate
            // A few dozen bytes of a file help nobody: below that, leave the whole file out.
            if keep >= Self.minimumKeptBytes {
                file.includedText = self.prefix(of: file.includedText, maximumBytes: keep)
            } else {
                file.includedText = ""
            }
            file.omittedBytes = max(0, fullBytes - file.includedText.utf8.count)
            included[index] = file
            total += sectionBytes(file) - before
            index += 1
        }
        var text = ""
        for file in included {
            text += MemoryContext.header(for: file)
            text += file.includedText
            if !file.includedText.isEmpty && !file.includedText.hasSuffix("\n") { text += "\n" }
            if file.omittedBytes > 0 { text += MemoryContext.marker(omitted: file.omittedBytes, of: file.size, path: file.path) }
        }
        return MemoryContext(files: included, byteCap: byteCap, text: text)
    }

    /// The longest prefix of `text` within `maximumBytes`, cut after a newline when one is in
    /// the last quarter, else at a character boundary.
    static func prefix(of text: String, maximumBytes: Int) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > maximumBytes else { return text }
        var end = maximumBytes
        while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        if let newline = bytes[..<end].lastIndex(of: 0x0A), newline + 1 >= end - max(1, end / 4) {
            end = newline + 1
        }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
