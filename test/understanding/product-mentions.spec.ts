import { expect } from 'chai';
import { DEMO_DATA } from '../../data/demo/demo-data.js';
import { ProductMatcher } from '../../dialogs/understanding/product-mentions.js';
import { normalize } from '../../dialogs/understanding/script.js';

describe('ProductMatcher: the items a message names', () => {
  const matcher = new ProductMatcher(DEMO_DATA.products);
  const find = (text: string) => matcher.find(normalize(text));

  it('by name or alias, either script, longest name first', () => {
    expect(find('小米和大米都有问题')).to.deep.equal(['MILLET-500', 'RICE-5KG']);
    expect(find('檯燈不亮')).to.deep.equal(['LAMP-LED']);
    expect(find('two mugs')).to.deep.equal(['MUG-350']);
  });

  it('by partial names: without the size, or a word only one product\'s English name has', () => {
    expect(find('干香菇发霉了')).to.deep.equal(['MUSHROOM-250']);
    expect(find('the shiitake mushrooms')).to.deep.equal(['MUSHROOM-250']);
    expect(find('my ceramic cup')).to.deep.equal(['MUG-350']);
    expect(find('the electric one stopped working')).to.deep.equal(['KETTLE-17']);
  });

  it('blanks product names out of the text, keeping its length', () => {
    expect(matcher.blank('小米发霉了')).to.equal('  发霉了');
  });
});
