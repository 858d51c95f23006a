using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Ihec.Portal.Infrastructure.Localisation;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Components.Shared;

/// <summary>
/// Runs data-annotation validation on a form model and localises the result: each attribute's
/// <c>ErrorMessage</c> is a key in <see cref="SharedText"/>, formatted with the attribute's limits.
/// Services call it too, so the server checks a model whatever the page did.
/// </summary>
public static class ModelValidation
{
    public static IReadOnlyList<(string Field, string Message)> Validate(object model, IStringLocalizer text)
    {
        var results = new List<(string, string)>();
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            results.AddRange(ValidateProperty(model, property.Name, text).Select(m => (property.Name, m)));
        }

        // Cross-field rules run once every field is valid on its own, as DataAnnotations does.
        if (results.Count == 0 && model is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(model)))
            {
                var message = Localise(text, result.ErrorMessage ?? "Invalid");
                foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                {
                    results.Add((member, message));
                }
            }
        }

        return results;
    }

    public static IEnumerable<string> ValidateProperty(object model, string propertyName, IStringLocalizer text)
    {
        var property = model.GetType().GetProperty(propertyName);
        if (property is null)
        {
            yield break;
        }

        var value = property.GetValue(model);
        var context = new ValidationContext(model) { MemberName = propertyName };
        foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
        {
            if (attribute.GetValidationResult(value, context) is { } failure && failure != ValidationResult.Success)
            {
                yield return Localise(text, attribute.ErrorMessage ?? "Invalid", Arguments(attribute));
            }
        }
    }

    private static object[] Arguments(ValidationAttribute attribute) => attribute switch
    {
        MaxLengthAttribute max => [max.Length],
        // The bound a password-length message counts comes first ({0}); no message uses the maximum.
        StringLengthAttribute length => [length.MinimumLength, length.MaximumLength],
        MinLengthAttribute min => [min.Length],
        RangeAttribute range => [range.Minimum, range.Maximum],
        _ => [],
    };

    private static string Localise(IStringLocalizer text, string key, params object[] args)
    {
        var localised = text.Message(key, args);
        return localised.ResourceNotFound ? text["Invalid"] : localised.Value;
    }
}
