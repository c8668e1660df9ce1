using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace OpenRouterConsole.Migrations.IndexGenerator;

/// <summary>
/// Writes <c>MigrationIndex</c> into a migration assembly (namespace = assembly name): the version,
/// description and rebuild flag of every class marked <c>[FluentMigrator.Migration]</c>, by ascending
/// version, and the lines of the <c>migrations.sum</c> given as an AdditionalFiles item.
/// </summary>
/// <remarks>
/// It reads what the runner's attribute scan reads, at compile time instead of at every start (the scan
/// loads FluentMigrator and every type of the assembly; decoding and parsing the manifest costs about as
/// much). Only <c>MigrationAttribute</c> itself is read, not attributes derived from it, whose version
/// their own constructor computes; MigrationIndexTests hold the index equal to the scan.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class MigrationIndexGenerator : IIncrementalGenerator
{
    private const string MigrationAttribute = "FluentMigrator.MigrationAttribute";
    private const string TableRebuildMigration = "OpenRouterConsole.Migrations.Rebuilds.TableRebuildMigration";
    private const string ManifestFileName = "migrations.sum";

    private static readonly DiagnosticDescriptor MalformedManifestLine = new(
        id: "ORCMIG001",
        title: "Malformed migrations.sum line",
        messageFormat: "migrations.sum: '{0}' is not '<sha256>  <script>' (64 lowercase hex digits, two spaces, the script)",
        category: "OpenRouterConsole.Migrations",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var migrations = context.SyntaxProvider.ForAttributeWithMetadataName(
                MigrationAttribute,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                transform: static (attributed, _) => Describe((INamedTypeSymbol)attributed.TargetSymbol, attributed.Attributes[0]))
            .Collect();

        var manifests = context.AdditionalTextsProvider
            .Where(static file => string.Equals(Path.GetFileName(file.Path), ManifestFileName, StringComparison.Ordinal))
            .Select(static (file, cancellationToken) => (file.Path, Text: file.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .Collect();

        var assemblyName = context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName ?? "Migrations");

        context.RegisterSourceOutput(migrations.Combine(manifests).Combine(assemblyName), static (output, input) =>
        {
            var ((found, manifestTexts), assembly) = input;
            var manifest = new List<(string Script, string Checksum)>();
            foreach (var (path, text) in manifestTexts)
            {
                // The lines as MigrationManifest.Parse reads them at run time (MigrationIndexTests compare the two).
                var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
                for (var number = 0; number < lines.Length; number++)
                {
                    var line = lines[number];
                    if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var separator = line.IndexOf("  ", StringComparison.Ordinal);
                    var checksum = separator < 0 ? string.Empty : line.Substring(0, separator).Trim();
                    // The runner writes the checksums into SQL as literals: only hex digits may pass.
                    if (separator < 0 || checksum.Length != 64 || !checksum.All(IsLowercaseHexDigit))
                    {
                        var where = new LinePositionSpan(new LinePosition(number, 0), new LinePosition(number, line.Length));
                        output.ReportDiagnostic(Diagnostic.Create(MalformedManifestLine, Location.Create(path, default, where), line));
                        continue;
                    }

                    manifest.Add((line.Substring(separator + 2).Trim(), checksum));
                }
            }

            var ordered = found.OrderBy(static m => m.Version).ThenBy(static m => m.TypeName, StringComparer.Ordinal).ToList();
            output.AddSource("MigrationIndex.g.cs", Render(assembly, ordered, manifest));
        });
    }

    private static bool IsLowercaseHexDigit(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f');

    private static (long Version, string? Description, bool RebuildsTables, string TypeName) Describe(INamedTypeSymbol type, AttributeData attribute)
    {
        long version = 0;
        string? description = null;
        var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        for (var i = 0; i < parameters.Length && i < attribute.ConstructorArguments.Length; i++)
        {
            var value = attribute.ConstructorArguments[i].Value;
            switch (parameters[i].Name)
            {
                case "version":
                    version = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "description":
                    description = value as string;
                    break;
            }
        }

        return (version, description, DerivesFrom(type, TableRebuildMigration), type.ToDisplayString());
    }

    private static bool DerivesFrom(INamedTypeSymbol type, string baseTypeName)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == baseTypeName)
            {
                return true;
            }
        }

        return false;
    }

    private static string Render(
        string assembly, IReadOnlyList<(long Version, string? Description, bool RebuildsTables, string TypeName)> migrations, IReadOnlyList<(string Script, string Checksum)> manifest)
    {
        var code = new StringBuilder();
        code.AppendLine("// <auto-generated/> by OpenRouterConsole.Migrations.IndexGenerator from this assembly's [Migration] classes and migrations.sum.");
        code.AppendLine("#nullable enable");
        code.AppendLine($"namespace {assembly}");
        code.AppendLine("{");
        code.AppendLine("    /// <summary>This assembly's migrations and migrations.sum, as the compiler saw them: what a runner's start-up check needs, without scanning.</summary>");
        code.AppendLine("    internal static class MigrationIndex");
        code.AppendLine("    {");
        code.AppendLine("        /// <summary>Every [Migration] class's version, ascending; the arrays below are in the same order.</summary>");
        AppendArray(code, "long", "Versions", migrations.Select(m => m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L"));
        AppendArray(code, "string?", "Descriptions", migrations.Select(m => m.Description is null ? "null" : SymbolDisplay.FormatLiteral(m.Description, quote: true)));
        code.AppendLine("        /// <summary>True for a migration that derives from TableRebuildMigration.</summary>");
        AppendArray(code, "bool", "RebuildsTables", migrations.Select(m => m.RebuildsTables ? "true" : "false"));
        code.AppendLine("        /// <summary>migrations.sum, in file order: each script's resource name, and its SHA-256 below.</summary>");
        AppendArray(code, "string", "ManifestScripts", manifest.Select(e => SymbolDisplay.FormatLiteral(e.Script, quote: true)));
        AppendArray(code, "string", "ManifestChecksums", manifest.Select(e => SymbolDisplay.FormatLiteral(e.Checksum, quote: true)));
        code.AppendLine("    }");
        code.AppendLine("}");
        return code.ToString();
    }

    private static void AppendArray(StringBuilder code, string type, string name, IEnumerable<string> values) =>
        code.AppendLine($"        internal static readonly {type}[] {name} = new {type}[] {{ {string.Join(", ", values)} }};");
}
