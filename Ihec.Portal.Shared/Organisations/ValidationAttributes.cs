using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace Ihec.Portal.Shared.Organisations;

// Validation attributes for form models. Each leaves an empty value to [Required]; their ErrorMessage is a resource key.

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PhoneNumberAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || PhoneNumbers.IsValid(text);
}

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class StrictEmailAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || EmailAddresses.IsValid(text);
}

/// <summary>An http or https address only.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class WebAddressAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || WebAddresses.IsValid(text);
}

[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class RegistrationNumberAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || RegistrationNumbers.IsValid(text);
}

/// <summary>Every item of a list of governorate codes is one of the 18.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class KnownGovernoratesAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not IEnumerable<string> codes || codes.All(Governorates.IsKnown);
}

/// <summary>Every item of a list is a defined value of its enum (form posts can carry anything).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class DefinedValuesAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not IEnumerable items || items.Cast<object?>().All(item => item is Enum e && Enum.IsDefined(e.GetType(), e));
}

/// <summary>A checkbox that must be ticked, such as a declaration.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MustBeTrueAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is true;
}
