using System.Security.Cryptography;
using System.Text;

namespace Ihec.Portal.Shared.Organisations;

/// <summary>
/// Secrets sent in e-mailed links. Only a SHA-256 hash is stored, so reading the database does not give anyone a working link.
/// </summary>
public static class SecretTokens
{
    /// <summary>A new random token (256 bits, URL-safe) and the hash to store for it.</summary>
    public static (string Token, string Hash) Create()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string? token, string storedHash) =>
        !string.IsNullOrEmpty(token)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
