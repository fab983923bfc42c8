using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Amazon.DynamoDBv2.Model;

namespace SessionEffects;

/// <summary>
/// Collections as the SDK's V2 conversion stores them: lists and arrays as L (an empty one kept as an empty L),
/// <see cref="HashSet{T}"/> of strings, numbers or binaries as SS/NS/BS (an empty set stores nothing), and
/// string-keyed dictionaries as M. A null element, which the SDK refuses, sends the item to the SDK to refuse it.
/// </summary>
[RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
[RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
internal static partial class CollectionCodecs
{
    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class List<E>(ValueCodec<E> element) : ValueCodec<System.Collections.Generic.List<E>?>
    {
        public override AttributeValue? Write(System.Collections.Generic.List<E>? value)
        {
            if (value is null)
            {
                return null;
            }

            var items = new System.Collections.Generic.List<AttributeValue>(value.Count);
            foreach (var e in value)
            {
                if (element.Write(e) is not { } av || ReferenceEquals(av, Codec.Defer))
                {
                    return Codec.Defer;
                }

                items.Add(av);
            }

            return new AttributeValue { L = items };
        }

        public override bool TryRead(AttributeValue stored, out System.Collections.Generic.List<E>? value)
        {
            value = null;
            if (stored.L is not { } items)
            {
                return false;
            }

            var list = new System.Collections.Generic.List<E>(items.Count);
            foreach (var av in items)
            {
                if (!element.TryRead(av, out var e))
                {
                    return false;
                }

                list.Add(e);
            }

            value = list;
            return true;
        }
    }

    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class Array<E>(ValueCodec<E> element) : ValueCodec<E[]?>
    {
        private readonly List<E> list = new(element);

        public override AttributeValue? Write(E[]? value)
        {
            if (value is null)
            {
                return null;
            }

            var items = new System.Collections.Generic.List<AttributeValue>(value.Length);
            foreach (var e in value)
            {
                if (element.Write(e) is not { } av || ReferenceEquals(av, Codec.Defer))
                {
                    return Codec.Defer;
                }

                items.Add(av);
            }

            return new AttributeValue { L = items };
        }

        public override bool TryRead(AttributeValue stored, out E[]? value)
        {
            var ok = list.TryRead(stored, out var read);
            value = read?.ToArray();
            return ok;
        }
    }

    /// <summary>A set of strings (SS), numbers (NS) or binaries (BS): the element codec writes one S, N or B each.</summary>
    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class Set<E>(ValueCodec<E> element, SetKind kind) : ValueCodec<HashSet<E>?>
    {
        public override AttributeValue? Write(HashSet<E>? value)
        {
            if (value is null || value.Count == 0)
            {
                return null;
            }

            var strings = kind == SetKind.Binary ? null : new System.Collections.Generic.List<string>(value.Count);
            var binaries = kind == SetKind.Binary ? new System.Collections.Generic.List<System.IO.MemoryStream>(value.Count) : null;
            foreach (var e in value)
            {
                var av = element.Write(e);
                var text = kind == SetKind.String ? av?.S : av?.N;

                // An empty string in a set is something DynamoDB refuses; the SDK decides how that fails.
                if (av is null || ReferenceEquals(av, Codec.Defer) || (binaries is null && string.IsNullOrEmpty(text)))
                {
                    return Codec.Defer;
                }

                if (binaries is not null)
                {
                    binaries.Add(av.B);
                }
                else
                {
                    strings!.Add(text!);
                }
            }

            return kind switch
            {
                SetKind.String => new AttributeValue { SS = strings },
                SetKind.Number => new AttributeValue { NS = strings },
                _ => new AttributeValue { BS = binaries },
            };
        }

        public override bool TryRead(AttributeValue stored, out HashSet<E>? value)
        {
            value = null;
            var set = new HashSet<E>();
            switch (kind)
            {
                case SetKind.String when stored.SS is { } ss:
                    foreach (var s in ss)
                    {
                        if (!element.TryRead(new AttributeValue { S = s }, out var e))
                        {
                            return false;
                        }

                        set.Add(e);
                    }

                    break;
                case SetKind.Number when stored.NS is { } ns:
                    foreach (var n in ns)
                    {
                        if (!element.TryRead(new AttributeValue { N = n }, out var e))
                        {
                            return false;
                        }

                        set.Add(e);
                    }

                    break;
                case SetKind.Binary when stored.BS is { } bs:
                    foreach (var b in bs)
                    {
                        if (!element.TryRead(new AttributeValue { B = b }, out var e))
                        {
                            return false;
                        }

                        set.Add(e);
                    }

                    break;
                default:
                    return false;
            }

            value = set;
            return true;
        }
    }

    /// <summary>Which DynamoDB set type a <see cref="HashSet{T}"/> is stored as.</summary>
    public enum SetKind
    {
        String,
        Number,
        Binary,
    }

    [RequiresUnreferencedCode(CompiledMappingFeature.Unreferenced)]
    [RequiresDynamicCode(CompiledMappingFeature.Dynamic)]
    public sealed partial class Map<E>(ValueCodec<E> element) : ValueCodec<Dictionary<string, E>?>
    {
        public override AttributeValue? Write(Dictionary<string, E>? value)
        {
            if (value is null)
            {
                return null;
            }

            var map = new Dictionary<string, AttributeValue>(value.Count);
            foreach (var (k, e) in value)
            {
                if (element.Write(e) is not { } av || ReferenceEquals(av, Codec.Defer))
                {
                    return Codec.Defer;
                }

                map[k] = av;
            }

            return new AttributeValue { M = map };
        }

        public override bool TryRead(AttributeValue stored, out Dictionary<string, E>? value)
        {
            value = null;
            if (stored.M is not { } map)
            {
                return false;
            }

            var read = new Dictionary<string, E>(map.Count);
            foreach (var (k, av) in map)
            {
                if (!element.TryRead(av, out var e))
                {
                    return false;
                }

                read[k] = e;
            }

            value = read;
            return true;
        }
    }
}
