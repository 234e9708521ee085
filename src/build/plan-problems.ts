/** What the site plan found wrong, as messages on the stories' files (a step of the site stage). */
import type { VFile } from 'vfile'
import { report } from '../content/report.js'
import type { ArticleCard } from '../model/article.js'
import type { SitePlan } from '../site/plan.js'

/**
 * Reports the plan's missing images and URL collisions (a reserved section's too) on the
 * files of the stories concerned.
 *
 * @param parsedByPath The published stories with their files, by source path.
 */
export function reportPlanProblems(plan: SitePlan, parsedByPath: ReadonlyMap<string, { readonly article: ArticleCard; readonly file: VFile }>): void {
  for (const problem of plan.images.problems) {
    const file = parsedByPath.get(problem.sourcePath)?.file
    if (file) report(file, 'image-missing', problem.reason, problem.position, problem.hint)
  }
  for (const collision of plan.collisions) {
    for (const sourcePath of collision.sourcePaths) {
      const reserved = collision.isReserved ? parsedByPath.get(sourcePath) : undefined
      if (reserved) {
        report(reserved.file, 'section-reserved', `Unexpected section \`${reserved.article.section}\`, expected one whose URL the site does not use itself: \`${collision.url}\` is reserved for the site's own pages, so the article is not published`, { line: 1, column: 1 })
        continue
      }
      const others = collision.sourcePaths.filter((other) => other !== sourcePath)
      const file = parsedByPath.get(sourcePath)?.file
      if (file) report(file, 'url-collision', `Unexpected second article at \`${collision.url}\`, also claimed by ${others.map((other) => `\`${other}\``).join(', ')}, expected one article per URL: none of them is published`, { line: 1, column: 1 })
    }
  }
}
