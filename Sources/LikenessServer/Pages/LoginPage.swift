/// The form that turns the bearer token into a session cookie, for browsers.
enum LoginPage {
    static func html(failed: Bool) -> String {
        Layout.page("Sign in", section: nil, body: """
            <section class="narrow card">
            <h1>Sign in</h1>
            <p>This server needs its access token (the contents of the file given to <code>--token-file</code>).</p>
            \(failed ? "<div class=\"problem\"><strong>unauthorized</strong> that is not the token</div>" : "")
            <form method="post" action="/login">
            <label>Token <input type="password" name="token" autocomplete="current-password" required autofocus></label>
            <button class="primary" type="submit">Sign in</button>
            </form>
            </section>
            """)
    }
}
