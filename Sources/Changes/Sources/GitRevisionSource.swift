import Basics

/// The change a git revision made (its diff against its first parent), as edits to apply to
/// the working tree, read with the real `git`.
package enum GitRevisionSource {
    /// git's empty tree, the "parent" of a root commit.
    static let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

    /// The edits of `revision` in the repository at `workspace`, and a title naming it.
    ///
    /// Errors are one line naming the revision and saying what git said: the workspace is not
    /// in a repository, the revision does not exist, or it names something that is not a commit.
    package static func proposal(
        revision: String, workspace: WorkspaceRoot
    ) throws(ChangesError) -> (
        proposal: EditProposal, title: String
    ) {
        let sha = try self.commit(named: revision, in: workspace)
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

    /// The full id of the commit `revision` names, or an error that says why there is none.
    static func commit(named revision: String, in workspace: WorkspaceRoot) throws(ChangesError) -> String {
        let trimmed = revision.filter { !$0.isWhitespace }
        guard !trimmed.isEmpty else { throw ChangesError(.invalidEdit, "--git needs a revision (a commit, branch or tag)") }
        guard !trimmed.hasPrefix("-") else {
            throw ChangesError(.invalidEdit, "'\(revision)' is not a revision (revisions do not start with '-')")
        }
        let inside = try self.run(["rev-parse", "--is-inside-work-tree"], in: workspace)
        guard inside.succeeded else {
            throw ChangesError(
                .invalidEdit,
                "cannot read revision '\(revision)': \(workspace.path) is not in a git repository (git: \(self.firstLine(of: inside)))")
        }
        let commit = try self.run(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: workspace)
        let sha = String(decoding: commit.standardOutput, as: UTF8.self).filter { !$0.isWhitespace }
        if commit.succeeded && !sha.isEmpty { return sha }
        // Why not: an object that is not a commit, or nothing at all (git's own words).
        let object = try self.run(["cat-file", "-t", revision], in: workspace)
        if object.succeeded {
            let kind = String(decoding: object.standardOutput, as: UTF8.self).filter { !$0.isWhitespace }
            throw ChangesError(.invalidEdit, "revision '\(revision)' names a \(kind), not a commit")
        }
        let log = try self.run(["log", "-1", "--format=%H", revision, "--"], in: workspace)
        throw ChangesError(
            .invalidEdit,
            "revision '\(revision)' is not a commit in \(workspace.path) (git: \(self.firstLine(of: log)))")
    }

    private static func git(_ arguments: [String], in workspace: WorkspaceRoot) throws(ChangesError) -> [UInt8] {
        let result = try self.run(arguments, in: workspace)
        guard result.succeeded else {
            throw ChangesError(
                .invalidEdit, "git \(arguments.first ?? "") failed: \(self.firstLine(of: result))")
        }
        return result.standardOutput
    }

    private static func run(_ arguments: [String], in workspace: WorkspaceRoot) throws(ChangesError) -> Subprocess.Result {
        do {
            return try Subprocess.run("git", ["-C", workspace.path] + arguments)
        } catch {
            throw ChangesError(.io, "cannot run git (install it with apt-get install git)", cause: error)
        }
    }

    /// git's first line of complaint (`fatal: bad revision 'x'`), or its exit status when it
    /// said nothing.
    private static func firstLine(of result: Subprocess.Result) -> String {
        let line = result.errorOutput.split(separator: "\n").first.map { String($0.drop { $0 == " " }) } ?? ""
        return line.isEmpty ? "exit status \(result.status)" : line
    }
}
