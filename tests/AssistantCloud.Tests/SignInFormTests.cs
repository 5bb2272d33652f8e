using SmartHome.AssistantCloud.Seeding;

namespace SmartHome.AssistantCloud.Tests;

public class SignInFormTests
{
    private static readonly Uri Page = new("http://vendorcloud/oauth/authorize?response_type=code&client_id=assistant");

    private const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head><title>Sign in - My SmartHome</title></head>
        <body>
          <form action="/search" method="get"><input type="text" name="q"></form>
          <main>
            <h1>Sign in to link your account with Assistant</h1>
            <form method="POST" class="sign-in" action="/oauth/authorize">
              <input type="hidden" name="response_type" value="code">
              <input type="hidden" name="client_id" value="assistant" />
              <input name="redirect_uri" type="hidden" value="http://localhost:17101/api/link/callback?a=1&amp;b=2">
              <input type='hidden' name='state' value='abc-DEF_123'>
              <input type="hidden" name="code_challenge" value="E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM">
              <input type="hidden" name="code_challenge_method" value="S256">
              <input type="hidden" name="scope" value="">
              <label>Email <input type="email" name="email" required></label>
              <label>Password <input type="password" name="password" required></label>
              <button type="submit">Sign in</button>
            </form>
          </main>
        </body>
        </html>
        """;

    [Fact]
    public void Reads_the_sign_in_forms_action_and_hidden_fields()
    {
        var form = SignInForm.Parse(Html, Page);

        Assert.NotNull(form);
        Assert.Equal(new Uri("http://vendorcloud/oauth/authorize"), form.Action);
        Assert.Equal("POST", form.Method);
        Assert.Equal(new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = "assistant",
            ["redirect_uri"] = "http://localhost:17101/api/link/callback?a=1&b=2",
            ["state"] = "abc-DEF_123",
            ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ["code_challenge_method"] = "S256",
            ["scope"] = "",
        }, form.HiddenFields);
    }

    [Fact]
    public void A_form_without_action_posts_to_the_page_itself()
    {
        var form = SignInForm.Parse("""<form method="post"><input type="hidden" name="state" value="s"><input type="password" name="password"></form>""", Page);

        Assert.Equal(Page, form?.Action);
        Assert.Equal("s", form?.HiddenFields["state"]);
    }

    [Fact]
    public void A_page_without_a_form_gives_null()
    {
        Assert.Null(SignInForm.Parse("<html><body><p>Invalid client</p></body></html>", Page));
    }
}
