using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartHome.AssistantCloud.PersonApp;

namespace SmartHome.AssistantCloud.Pages;

/// <summary>The app's sign-in: the person's name and app password give a session (cookie, HttpOnly, SameSite).</summary>
public sealed class SignInModel(PersonHome home, PersonPasswords passwords, SignInThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Person { get; private set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? person, string? password, CancellationToken cancellationToken)
    {
        // What was typed stays in the form; the password never comes back.
        Person = person?.Trim();
        if (string.IsNullOrEmpty(Person) || string.IsNullOrEmpty(password))
        {
            Message = "Enter your name and your password.";
            return Page();
        }

        if (await throttle.RetryAfterAsync(Person) is { } wait)
        {
            Message = $"Too many wrong passwords. Try again in {Math.Ceiling(wait.TotalSeconds)} seconds.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }

        if (!passwords.Check(Person, password) || !await home.ExistsAsync(Person, cancellationToken))
        {
            await throttle.FailedAsync(Person);
            Message = "The name or the password is not correct.";
            return Page();
        }

        await throttle.SucceededAsync(Person);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Person)], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
