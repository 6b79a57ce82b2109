import Basics
import Changes

#if canImport(Glibc)
    import Glibc
#endif

/// `seam log`: the checkpoints of applied changes, newest first.
let logCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam log", abstract: "list the checkpoints of applied changes", usage: "",
        discussion: """
            The checkpoints of the project containing the current directory (its git top level, else the directory),
            with paths relative to it. '*' marks the change 'seam undo' would revert; undone changes can be redone
            until a new apply.
            """
    )
) { _ in
    let store = try CheckpointStore(workspace: try WorkspaceRoot.containing(FileSystem.currentDirectory()))
    for message in try store.recover() { writeStandardError("seam: \(message)\n") }
    let checkpoints = try store.log()
    if checkpoints.isEmpty {
        writeStandardOutput("no checkpoints yet in \(store.project.path)\n")
        return 0
    }
    let head = checkpoints.last { !$0.isUndone }?.id
    var text = ""
    for checkpoint in checkpoints.reversed() {
        let marker = checkpoint.id == head ? "*" : " "
        let state = checkpoint.isUndone ? " (undone)" : ""
        let files = checkpoint.paths.count == 1 ? "1 file" : "\(checkpoint.paths.count) files"
        text +=
            "\(marker) \(checkpoint.id)  \(formatDate(checkpoint.date))  \(checkpoint.title)\(state)  [\(files): \(checkpoint.pathList())]\n"
    }
    writeStandardOutput(text)
    return 0
}

/// A local `YYYY-MM-DD HH:MM` for seconds since 1970.
private func formatDate(_ seconds: Int64) -> String {
    var time = time_t(seconds)
    var parts = tm()
    localtime_r(&time, &parts)
    var buffer = [CChar](repeating: 0, count: 32)
    let count = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M", &parts)
    return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
