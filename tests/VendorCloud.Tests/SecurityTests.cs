using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Tests;

public sealed class SecurityTests
{
    [Fact]
    public void S256_challenge_matches_the_RFC_7636_appendix_B_vector()
    {
        Assert.Equal(TestWorld.Challenge, Pkce.ComputeS256Challenge(TestWorld.Verifier));
        Assert.True(Pkce.VerifyS256(TestWorld.Verifier, TestWorld.Challenge));
    }

    [Theory]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj")] // one character off
    [InlineData("short")] // under 43 characters
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk!")] // not an unreserved character
    public void S256_verification_refuses_a_wrong_or_malformed_verifier(string verifier)
    {
        Assert.False(Pkce.VerifyS256(verifier, TestWorld.Challenge));
    }

    [Fact]
    public void Only_43_character_base64url_values_are_S256_challenges()
    {
        Assert.True(Pkce.IsValidS256Challenge(TestWorld.Challenge));
        Assert.False(Pkce.IsValidS256Challenge(TestWorld.Verifier + "x"));
        Assert.False(Pkce.IsValidS256Challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM"));
    }

    [Fact]
    public void Token_hash_is_the_lower_case_hex_SHA256()
    {
        // FIPS 180-2 test vector for "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SecretHasher.HashToken("abc"));
        Assert.True(SecretHasher.VerifyToken("abc", SecretHasher.HashToken("abc")));
        Assert.False(SecretHasher.VerifyToken("abd", SecretHasher.HashToken("abc")));
    }

    [Fact]
    public void New_tokens_are_32_random_bytes_in_base64url()
    {
        var first = SecretHasher.NewToken();
        var second = SecretHasher.NewToken();
        Assert.Equal(43, first.Length);
        Assert.All(first, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Password_hashes_are_salted_PBKDF2_and_verify_only_the_right_password()
    {
        var first = SecretHasher.HashPassword("correct horse");
        var second = SecretHasher.HashPassword("correct horse");
        Assert.StartsWith("pbkdf2-sha256$", first);
        Assert.DoesNotContain("correct horse", first);
        Assert.NotEqual(first, second);
        Assert.True(SecretHasher.VerifyPassword("correct horse", first));
        Assert.False(SecretHasher.VerifyPassword("correct horsf", first));
        Assert.False(SecretHasher.VerifyPassword("correct horse", "not-a-hash"));
    }
}
