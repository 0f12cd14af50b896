/**
 * The G2 components <cc-chart> registers: the marks, scales, transforms, coordinates, themes and
 * interactions that campus reports use. G2's `corelib()` (every mark, facet and brush) puts the chart chunk
 * over its 300 KB gzip budget; a spec that names something left out gets G2's own "Unknown component"
 * error, shown in the chart. G2's tooltip, poptip, slider and scrollbar are left out on purpose: the tooltip
 * writes innerHTML (blocked under Trusted Types) and breaks inside shadow roots (G2 #6201).
 */
import { AxisArc, AxisLinear, AxisRadar, AxisX, AxisY } from '@antv/g2/esm/component/index';
import { LegendCategory, LegendContinuous, Legends, TitleComponent } from '@antv/g2/esm/component/index';
import {
  LegendContinuousBlock,
  LegendContinuousBlockSize,
  LegendContinuousSize,
} from '@antv/g2/esm/component/index';
import { Mark, View } from '@antv/g2/esm/composition/index';
import { Cartesian } from '@antv/g2/esm/coordinate/cartesian';
import { Inline } from '@antv/g2/esm/data/inline';
import { Column, Constant, Field, Transform } from '@antv/g2/esm/encode/index';
import { Event } from '@antv/g2/esm/interaction/event';
import { LegendFilter } from '@antv/g2/esm/interaction/legendFilter';
import { LegendHighlight } from '@antv/g2/esm/interaction/legendHighlight';
import { Interval } from '@antv/g2/esm/mark/interval';
import { Category10, Category20 } from '@antv/g2/esm/palette/index';
import * as scale from '@antv/g2/esm/scale/index';
import { LabelShape } from '@antv/g2/esm/shape/index';
import { Classic } from '@antv/g2/esm/theme/classic';
import {
  FadeIn,
  FadeOut,
  Morphing,
  ScaleInX,
  ScaleInY,
  ScaleOutX,
  ScaleOutY,
  WaveIn,
} from '@antv/g2/esm/animation/index';
import { Area } from '@antv/g2/esm/mark/area';
import { Cell } from '@antv/g2/esm/mark/cell';
import { Line } from '@antv/g2/esm/mark/line';
import { LineX } from '@antv/g2/esm/mark/lineX';
import { LineY } from '@antv/g2/esm/mark/lineY';
import { Point } from '@antv/g2/esm/mark/point';
import { Rect } from '@antv/g2/esm/mark/rect';
import { Text } from '@antv/g2/esm/mark/text';
import { Polar } from '@antv/g2/esm/coordinate/polar';
import { Radial } from '@antv/g2/esm/coordinate/radial';
import { Theta } from '@antv/g2/esm/coordinate/theta';
import { Transpose } from '@antv/g2/esm/coordinate/transpose';
import { Dark } from '@antv/g2/esm/theme/dark';
import { ClassicDark } from '@antv/g2/esm/theme/classicDark';
import { Light } from '@antv/g2/esm/theme/light';
import { DodgeX } from '@antv/g2/esm/transform/dodgeX';
import { GroupX } from '@antv/g2/esm/transform/groupX';
import { NormalizeY } from '@antv/g2/esm/transform/normalizeY';
import { Select } from '@antv/g2/esm/transform/select';
import { SortX } from '@antv/g2/esm/transform/sortX';
import { StackEnter } from '@antv/g2/esm/transform/stackEnter';
import { StackY } from '@antv/g2/esm/transform/stackY';
import { Fold } from '@antv/g2/esm/data/fold';
import { SortBy } from '@antv/g2/esm/data/sortBy';
import { ElementHighlight } from '@antv/g2/esm/interaction/elementHighlight';
import { ElementHighlightByColor } from '@antv/g2/esm/interaction/elementHighlightByColor';
import { ElementHighlightByX } from '@antv/g2/esm/interaction/elementHighlightByX';
import { ElementSelect } from '@antv/g2/esm/interaction/elementSelect';
import { ContrastReverse } from '@antv/g2/esm/label-transform/contrastReverse';
import { OverflowHide } from '@antv/g2/esm/label-transform/overflowHide';
import { OverlapHide } from '@antv/g2/esm/label-transform/overlapHide';
import { GrowInX } from '@antv/g2/esm/animation/growInX';
import { GrowInY } from '@antv/g2/esm/animation/growInY';

/**
 * G2 turns these interactions on for every view. Their real implementations are left out (see above),
 * so they are registered as interactions that do nothing.
 */
const inactiveInteraction = () => () => () => undefined;

export function campusLibrary(): Record<string, unknown> {
  return {
    'data.inline': Inline,
    'coordinate.cartesian': Cartesian,
    'encode.constant': Constant,
    'encode.field': Field,
    'encode.transform': Transform,
    'encode.column': Column,
    'mark.interval': Interval,
    'shape.label.label': LabelShape,
    'palette.category10': Category10,
    'palette.category20': Category20,
    'scale.linear': scale.Linear,
    'scale.ordinal': scale.Ordinal,
    'scale.band': scale.Band,
    'scale.identity': scale.Identity,
    'scale.point': scale.Point,
    'scale.time': scale.Time,
    'scale.log': scale.Log,
    'scale.pow': scale.Pow,
    'scale.sqrt': scale.Sqrt,
    'scale.threshold': scale.Threshold,
    'scale.quantile': scale.Quantile,
    'scale.quantize': scale.Quantize,
    'scale.sequential': scale.Sequential,
    'scale.constant': scale.Constant,
    'theme.classic': Classic,
    'component.axisX': AxisX,
    'component.axisY': AxisY,
    'component.axisRadar': AxisRadar,
    'component.axisLinear': AxisLinear,
    'component.axisArc': AxisArc,
    'component.legendCategory': LegendCategory,
    'component.legendContinuous': LegendContinuous,
    'component.legendContinuousBlock': LegendContinuousBlock,
    'component.legendContinuousBlockSize': LegendContinuousBlockSize,
    'component.legendContinuousSize': LegendContinuousSize,
    'component.legends': Legends,
    'component.title': TitleComponent,
    'animation.scaleInX': ScaleInX,
    'animation.scaleOutX': ScaleOutX,
    'animation.scaleInY': ScaleInY,
    'animation.scaleOutY': ScaleOutY,
    'animation.waveIn': WaveIn,
    'animation.fadeIn': FadeIn,
    'animation.fadeOut': FadeOut,
    'animation.morphing': Morphing,
    'interaction.legendFilter': LegendFilter,
    'interaction.legendHighlight': LegendHighlight,
    'interaction.event': Event,
    'interaction.tooltip': inactiveInteraction,
    'interaction.sliderFilter': inactiveInteraction,
    'interaction.scrollbarFilter': inactiveInteraction,
    'composition.mark': Mark,
    'composition.view': View,
    'mark.area': Area,
    'mark.cell': Cell,
    'mark.line': Line,
    'mark.lineX': LineX,
    'mark.lineY': LineY,
    'mark.point': Point,
    'mark.rect': Rect,
    'mark.text': Text,
    'coordinate.polar': Polar,
    'coordinate.radial': Radial,
    'coordinate.theta': Theta,
    'coordinate.transpose': Transpose,
    'theme.dark': Dark,
    'theme.classicDark': ClassicDark,
    'theme.light': Light,
    'transform.dodgeX': DodgeX,
    'transform.groupX': GroupX,
    'transform.normalizeY': NormalizeY,
    'transform.select': Select,
    'transform.sortX': SortX,
    'transform.stackEnter': StackEnter,
    'transform.stackY': StackY,
    'data.fold': Fold,
    'data.sortBy': SortBy,
    'interaction.elementHighlight': ElementHighlight,
    'interaction.elementHighlightByColor': ElementHighlightByColor,
    'interaction.elementHighlightByX': ElementHighlightByX,
    'interaction.elementSelect': ElementSelect,
    'labelTransform.contrastReverse': ContrastReverse,
    'labelTransform.overflowHide': OverflowHide,
    'labelTransform.overlapHide': OverlapHide,
    'animation.growInX': GrowInX,
    'animation.growInY': GrowInY,
  };
}
