using System.ComponentModel.DataAnnotations;

namespace Ihec.Portal.Features.Accounts;

public sealed class NewPasswordModel : IValidatableObject
{
    [Required(ErrorMessage = "Required"), StringLength(200, MinimumLength = 10, ErrorMessage = "PasswordLength")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Required"), MaxLength(200, ErrorMessage = "TooLong")]
    public string ConfirmPassword { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Password != ConfirmPassword)
        {
            yield return new ValidationResult("PasswordsDiffer", [nameof(ConfirmPassword)]);
        }
    }
}

internal static class IdentityErrorText
{
    /// <summary>Identity's error codes (PasswordTooShort, PasswordRequiresDigit…) are keys in AccountsText.</summary>
    public static string Localise(Microsoft.Extensions.Localization.IStringLocalizer text, Microsoft.AspNetCore.Identity.IdentityError error)
    {
        var localised = text["Identity_" + error.Code];
        return localised.ResourceNotFound ? text["Identity_Default"] : localised.Value;
    }
}
