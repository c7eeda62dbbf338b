package io.labelhub.dm.api;

/**
 * Who a file says made a completion, as Label Studio writes {@code completed_by}: a user id, and or an e-mail with
 * names, and (in files this server exported) the {@code server} whose ids they are.
 *
 * @param id     the user id on the server that wrote the file; {@code null} when the file names none
 * @param email  the author's e-mail; {@code null} when the file names none
 * @param server the identity of the server the id belongs to, when the file says ({@code labelhub_server})
 */
public record Author(Long id, String email, String firstName, String lastName, String server) {

    /** How the author is named in messages: the e-mail, else the id and where it comes from. */
    public String describe() {
        if (email != null) {
            return email;
        }
        return "user " + id + (server == null ? " of the server that wrote the file" : " of server " + server);
    }
}
