import { describe, expect, it } from 'vitest';
import { arange, globalAvgPool2d, ones, ShapeError } from '@nanograd/autograd';
import { AvgPool2d, GlobalAvgPool2d, MaxPool2d } from './pooling';
import * as layerPackage from './index';

describe('pooling layers', () => {
  const x = arange(0, 16, 1, { dtype: 'f64' }).reshape([1, 1, 4, 4]);

  it('MaxPool2d takes window maxima, stride defaulting to the kernel size', () => {
    expect(new MaxPool2d(2).forward(x).toList()).toEqual([[[[5, 7], [13, 15]]]]);
    expect(new MaxPool2d(3, { stride: 1 }).forward(x).toList()).toEqual([[[[10, 11], [14, 15]]]]);
    expect(new MaxPool2d(2, { stride: 2, padding: 1 }).forward(x).shape).toEqual([1, 1, 3, 3]);
  });

  it('AvgPool2d averages windows', () => {
    expect(new AvgPool2d(2).forward(x).toList()).toEqual([[[[2.5, 4.5], [10.5, 12.5]]]]);
    expect(new AvgPool2d([1, 4]).forward(x).toList()).toEqual([[[[1.5], [5.5], [9.5], [13.5]]]]);
  });

  it('GlobalAvgPool2d gives (N, C) means and the function is re-exported', () => {
    const y = new GlobalAvgPool2d().forward(ones([3, 2, 5, 5]));
    expect(y.shape).toEqual([3, 2]);
    expect(new GlobalAvgPool2d().forward(x).toList()).toEqual([[7.5]]);
    expect(layerPackage.globalAvgPool2d).toBe(globalAvgPool2d);
  });

  it('have no parameters and pass shape errors through', () => {
    expect(new MaxPool2d(2).parameters()).toEqual([]);
    expect(new MaxPool2d(2).name).toBe('maxPool2d');
    expect(() => new MaxPool2d(2).forward(ones([4, 4]))).toThrow(ShapeError);
    expect(() => new GlobalAvgPool2d().forward(ones([4, 4]))).toThrow(ShapeError);
  });
});
