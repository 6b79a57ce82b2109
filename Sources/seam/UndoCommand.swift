import Basics
import Changes

/// `seam undo`: reverts the latest applied checkpoint.
let undoCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam undo", abstract: "revert the latest applied change", usage: "",
        discussion: """
            Works on the project containing the current directory (its git top level, else the directory), whichever
            seam command or workbench made the change. Refuses, naming the file, when a file was edited after the
            change; nothing is overwritten.
            """
    )
) { _ in
    let store = try CheckpointStore(workspace: try WorkspaceRoot.containing(FileSystem.currentDirectory()))
    for message in try store.recover() { writeStandardError("seam: \(message)\n") }
    let checkpoint = try store.undo()
    writeStandardOutput("undid checkpoint \(checkpoint.id) (\(checkpoint.title)): \(checkpoint.pathList())\n")
    return 0
}
