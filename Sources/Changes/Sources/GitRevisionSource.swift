import Basics

/// The change a git revision made (its diff against its first parent), as edits to apply to
/// the working tree, read with the real `git`.
package enum GitRevisionSource {
    /// git's empty tree, the "parent" of a root commit.
    static let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

    /// The edits of `revision` in the repository at `workspace`, and a title naming it.
    package static func proposal(
        revision: String, workspace: WorkspaceRoot
    ) throws(ChangesError) -> (
        proposal: EditProposal, title: String
    ) {
        let commit = try self.git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: workspace)
        let sha = String(decoding: commit, as: UTF8.self).filter { !$0.isWhitespace }
        guard !sha.isEmpty else {
            throw ChangesError(.invalidEdit, "'\(revision)' is not a commit in \(workspace.path)")
        }
        let parentOutput = (try? self.git(["rev-parse", "--verify", "--quiet", sha + "^1"], in: workspace)) ?? []
        let parent = String(decoding: parentOutput, as: UTF8.self).filter { !$0.isWhitespace }
        let diff = try self.git(
            [
                "diff", "--binary", "--full-index", "-M", "--no-color", "--no-ext-diff", "--src-prefix=a/",
                "--dst-prefix=b/", parent.isEmpty ? self.emptyTree : parent, sha,
            ],
            in: workspace)
        var proposal = EditParser.parse(diff)
        for index in proposal.edits.indices where proposal.edits[index].binaryDescription != nil {
            if proposal.edits[index].action == .delete { continue }
            proposal.edits[index].binaryContent = try self.git(
                ["cat-file", "blob", "\(sha):\(proposal.edits[index].path)"], in: workspace)
        }
        let subject = String(
            decoding: (try? self.git(["log", "-1", "--format=%s", sha], in: workspace)) ?? [], as: UTF8.self
        )
        .filter { $0 != "\n" }
        return (proposal, "git \(sha.prefix(12)) \(subject)")
    }

    private static func git(_ arguments: [String], in workspace: WorkspaceRoot) throws(ChangesError) -> [UInt8] {
        let result: Subprocess.Result
        do {
            result = try Subprocess.run("git", ["-C", workspace.path] + arguments)
        } catch {
            throw ChangesError(.io, "cannot run git (install it with apt-get install git)", cause: error)
        }
        guard result.succeeded else {
            throw ChangesError(
                .invalidEdit, "git \(arguments.first ?? "") failed: \(result.errorOutput.filter { $0 != "\n" })")
        }
        return result.standardOutput
    }
}
